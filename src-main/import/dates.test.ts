import { describe, it, expect } from 'vitest'
import YAML from 'yaml'
import { parse as parseToml } from 'smol-toml'
import { dateFromPath, parseDate } from './dates'

describe('parseDate', () => {
  it.each<[string, unknown, string | null]>([
    // What the corpus and Hugo sites actually write
    ['space-separated, no zone', '2026-07-30 16:04:22', '2026-07-30T16:04:22'],
    ['ISO with offset', '2025-02-13T19:47:22+08:00', '2025-02-13T19:47:22+08:00'],
    ['ISO with Z', '2025-02-13T19:47:22Z', '2025-02-13T19:47:22Z'],
    ['ISO with milliseconds', '2025-02-13T19:47:22.123Z', '2025-02-13T19:47:22Z'],
    ['ISO with +0800', '2025-02-13T19:47:22+0800', '2025-02-13T19:47:22+08:00'],
    ['space before zone', '2025-02-13 19:47:22 +08:00', '2025-02-13T19:47:22+08:00'],
    ['no seconds', '2025-02-13 19:47', '2025-02-13T19:47:00'],
    ['date only', '2025-02-13', '2025-02-13'],
    ['slashes', '2018/06/07', '2018-06-07'],
    ['slashes, no padding', '2018/6/7', '2018-06-07'],
    ['slashes with time', '2018/06/07 08:09', '2018-06-07T08:09:00'],
    ['dots', '2018.06.07', '2018-06-07'],
    ['compact', '20250213', '2025-02-13'],
    ['surrounding whitespace', '  2025-02-13  ', '2025-02-13'],
    // RSS / HTTP dates
    ['RFC 1123 GMT', 'Fri, 21 Aug 2026 14:03:00 GMT', '2026-08-21T14:03:00Z'],
    ['RFC 2822 +0800', 'Sat, 22 Aug 2026 09:15:00 +0800', '2026-08-22T09:15:00+08:00'],
    ['RFC 2822 -0500', 'Thu, 13 Feb 2025 19:47:22 -0500', '2025-02-13T19:47:22-05:00'],
    ['ambiguous CST keeps wall-clock time', 'Thu, 13 Feb 2025 19:47:22 CST', '2025-02-13T19:47:22'],
    ['RFC 822 EST', 'Thu, 13 Feb 2025 19:47:22 EST', '2025-02-13T19:47:22-05:00'],
    ['RFC 1123 without weekday', '21 Aug 2026 14:03:00 GMT', '2026-08-21T14:03:00Z'],
    ['day month year', '13 February 2025', '2025-02-13'],
    ['US long form', 'February 13, 2025', '2025-02-13'],
    ['US with weekday and PM', 'Thursday, Feb 13, 2025 7:47 PM', '2025-02-13T19:47:00'],
    ['US 12 AM', 'Feb 13, 2025 12:05 am', '2025-02-13T00:05:00'],
    // Chinese
    ['Chinese date', '2025年2月13日', '2025-02-13'],
    ['Chinese date and time', '2025年2月13日 19:47', '2025-02-13T19:47:00'],
    ['Chinese full-width colon', '2025年02月13日 19：47：22', '2025-02-13T19:47:22'],
    ['Chinese 时 分', '2025年2月13日19时47分', '2025-02-13T19:47:00'],
    // Numbers: Unix timestamps, and YAML's reading of an unquoted 20250213
    ['Unix seconds', 1739447242, '2025-02-13T11:47:22Z'],
    ['Unix milliseconds', 1739447242000, '2025-02-13T11:47:22Z'],
    ['Unix seconds as text', '1739447242', '2025-02-13T11:47:22Z'],
    ['yyyymmdd as number', 20250213, '2025-02-13'],
    // Dates from parsers
    [
      'JS Date at midnight UTC (YAML 1.1 bare date)',
      new Date('2025-02-13T00:00:00Z'),
      '2025-02-13',
    ],
    ['JS Date with time', new Date('2025-02-13T19:47:22Z'), '2025-02-13T19:47:22Z'],
    // Rejected
    ['empty', '', null],
    ['blank', '   ', null],
    ['garbage', 'xyz', null],
    ['February 30th', '2025-02-30', null],
    ['not a leap year', '2025-02-29', null],
    ['month 13', '2025-13-01', null],
    ['hour 25', '2025-02-13 25:00:00', null],
    ['bad offset', '2025-02-13T19:47:22+25:00', null],
    ['unknown month', '13 Smarch 2025', null],
    ['day-first is ambiguous', '07/06/2018', null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['boolean', true, null],
    ['invalid Date', new Date('nope'), null],
    ['negative number', -5, null],
    ['tiny number', 42, null],
    ['a bare year', 2025, null],
    ['list', ['2025-02-13'], null],
  ])('%s', (_label, input, expected) => {
    expect(parseDate(input)).toBe(expected)
  })

  it('understands leap days', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29')
  })

  // The core schema leaves bare dates as text; YAML 1.1 turns them into Dates read as UTC.
  it.each([
    ['date: 2025-02-13', '2025-02-13', '2025-02-13'],
    ['date: 2025-02-13 19:47:22', '2025-02-13T19:47:22', '2025-02-13T19:47:22Z'],
    ['date: 2025-02-13T19:47:22+08:00', '2025-02-13T19:47:22+08:00', '2025-02-13T11:47:22Z'],
    ['date: "2026-07-30 16:04:22"', '2026-07-30T16:04:22', '2026-07-30T16:04:22'],
    ["date: 'Fri, 21 Aug 2026 14:03:00 GMT'", '2026-08-21T14:03:00Z', '2026-08-21T14:03:00Z'],
  ])('reads what the YAML parser gives for %s', (yaml, core, yaml11) => {
    expect(parseDate(YAML.parse(yaml).date)).toBe(core)
    expect(parseDate(YAML.parse(yaml, { schema: 'yaml-1.1' }).date)).toBe(yaml11)
  })

  it.each([
    ['date = 2025-02-13', '2025-02-13'],
    ['date = 2025-02-13T19:47:22', '2025-02-13T19:47:22'],
    ['date = 2025-02-13T19:47:22+08:00', '2025-02-13T19:47:22+08:00'],
    ['date = 2025-02-13T19:47:22Z', '2025-02-13T19:47:22Z'],
  ])('reads the TOML date in %s', (toml, expected) => {
    expect(parseDate(parseToml(toml).date)).toBe(expected)
  })
})

describe('dateFromPath', () => {
  it.each<[string, string | null]>([
    ['2025/02/13/slug.md', '2025-02-13'],
    ['blog/2025/2/3/slug.md', '2025-02-03'],
    ['2025-02-13-slug.md', '2025-02-13'],
    ['posts/2025-02-13-hello-world.md', '2025-02-13'],
    ['posts/20250213-slug.md', '2025-02-13'],
    ['posts/2025_02_13_slug.md', '2025-02-13'],
    ['posts\\2025-02-13-windows.md', '2025-02-13'],
    ['content/posts/2025-02-13-bundle/index.md', '2025-02-13'],
    ['2025-02-13.md', '2025-02-13'],
    // Conservative: IDs, counters and impossible dates are not dates
    ['zh-CN/news/qq/20260730A081G500.zh-CN.md', null],
    ['en/news/channelnewsasia/entitynode6333346en.en.md', null],
    ['posts/12345678-slug.md', null],
    ['posts/1869-01-01-slug.md', null],
    ['posts/2025-02-30-slug.md', null],
    ['2025/13/01/slug.md', null],
    ['2025/02/slug.md', null],
    ['posts/v2025-02-13.md', null],
    ['slug.md', null],
  ])('%s → %s', (path, expected) => {
    expect(dateFromPath(path)).toBe(expected)
  })
})
