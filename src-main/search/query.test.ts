import { describe, expect, test } from 'vitest'
import { parseQuery, type ParsedQuery, type SearchTerm } from './query'

// A compact picture of the parse, so each table row reads like the query it came from:
// `(a OR b) c -d title:"e f" elect* tag=x -lang=en after>=2025-01-01 before<2026-01-01`
function term(t: SearchTerm): string {
  const text = t.phrase ? `"${t.text}"` : t.text
  return `${t.field ? `${t.field}:` : ''}${text}${t.prefix ? '*' : ''}`
}

function show(q: ParsedQuery): string {
  return [
    ...q.groups.map((g) => (g.length === 1 ? term(g[0]!) : `(${g.map(term).join(' OR ')})`)),
    ...q.exclude.map((t) => `-${term(t)}`),
    ...q.filters.map((f) => `${f.negate ? '-' : ''}${f.field}=${f.value}`),
    ...(q.after ? [`after>=${q.after}`] : []),
    ...(q.before ? [`before<${q.before}`] : []),
  ].join(' ')
}

describe('parseQuery', () => {
  test.each([
    // terms and phrases
    ['election', 'election'],
    ['trade war', 'trade war'],
    ['  trade \t war  ', 'trade war'],
    ['"trade war"', '"trade war"'],
    ['“trade war”', '"trade war"'],
    ['＂trade war＂', '"trade war"'],
    ['阿里巴巴 发布', '阿里巴巴 发布'],
    ['苹果AI', '苹果AI'],
    ['ＡＩ', 'AI'],
    // OR
    ['a OR b', '(a OR b)'],
    ['a OR b c', '(a OR b) c'],
    ['a b OR c', 'a (b OR c)'],
    ['a OR b OR c', '(a OR b OR c)'],
    ['"a b" OR c', '("a b" OR c)'],
    ['a or b', 'a or b'],
    ['OR', ''],
    ['OR a', 'a'],
    ['a OR', 'a'],
    ['a OR OR b', '(a OR b)'],
    ['a OR -b c', 'a c -b'],
    ['a OR tag:x b', 'a b tag=x'],
    ['a AND b', 'a b'],
    // exclusion
    ['a -b', 'a -b'],
    ['-b', '-b'],
    ['a -"b c"', 'a -"b c"'],
    ['--b', '-b'],
    ['a - b', 'a b'],
    ['e-mail', 'e-mail'],
    // prefix
    ['elect*', 'elect*'],
    ['elect**', 'elect*'],
    ['阿*', '阿'],
    ['苹果ai*', '苹果ai*'],
    ['*', ''],
    ['*elect', '*elect'],
    ['c++*', 'c++'],
    ['-elect*', '-elect*'],
    // title
    ['title:election', 'title:election'],
    ['title:"trade war"', 'title:"trade war"'],
    ['title:elect*', 'title:elect*'],
    ['-title:rumour', '-title:rumour'],
    ['Title:a', 'title:a'],
    ['title:a OR b', '(title:a OR b)'],
    // label filters
    ['tag:economy', 'tag=economy'],
    ['tag:"machine learning" ai', 'ai tag=machine learning'],
    ['tag:"machine learning', 'tag=machine learning'],
    ['-tag:sports', '-tag=sports'],
    ['-tag:"machine learning" x', 'x -tag=machine learning'],
    ['title:"rate cut', 'title:"rate cut"'],
    ['category:科技 lang:zh-CN source:new.qq.com', 'category=科技 lang=zh-CN source=new.qq.com'],
    ['ｔａｇ：ＡＩ', 'tag=AI'],
    ['tag:a tag:b', 'tag=a tag=b'],
    ['TAG:x', 'tag=x'],
    // dates: after = from the first day of the period on; before = strictly before it
    ['after:2025', 'after>=2025-01-01'],
    ['after:2025-02', 'after>=2025-02-01'],
    ['after:2025-02-13', 'after>=2025-02-13'],
    ['before:2025', 'before<2025-01-01'],
    ['before:2025-02', 'before<2025-02-01'],
    ['before:2025-02-13', 'before<2025-02-13'],
    ['after:2025/2/3', 'after>=2025-02-03'],
    ['after:2024-02-29', 'after>=2024-02-29'],
    ['after:2025 before:2026', 'after>=2025-01-01 before<2026-01-01'],
    ['after:2020 after:2024-06 before:2026 before:2025', 'after>=2024-06-01 before<2025-01-01'],
    ['-before:2025', 'after>=2025-01-01'],
    ['-after:2025', 'before<2025-01-01'],
    // unknown fields and stray syntax are plain text
    ['foo:bar', 'foo:bar'],
    ['http://example.com', 'http://example.com'],
    ['12:30', '12:30'],
    ['a:', 'a:'],
    ['NOT x', 'NOT x'],
    ['NEAR(a b)', 'NEAR(a b)'],
    ['(a OR b) c', '((a OR b)) c'], // the parentheses stay part of the words
    ['^a', '^a'],
    ['{col}: x', '{col}: x'],
    ['a"b', 'a"b'],
    ['"abc', '"abc"'],
    ['"', ''],
    ['""', ''],
    ['-', ''],
    ['--', ''],
    ['😀', '😀'],
    ['!!!', '!!!'],
    ['', ''],
    ['   ', ''],
  ])('%j → %s', (input, expected) => {
    const q = parseQuery(input)
    expect(show(q)).toBe(expected)
    expect(q.warnings).toEqual([])
  })

  test.each([
    ['before:abc', 'before:abc'],
    ['after:2025-13', 'after:2025-13'],
    ['after:2025-02-30', 'after:2025-02-30'],
    ['after:2023-02-29', 'after:2023-02-29'],
    ['before:25', 'before:25'],
    ['-before:soon', '-before:soon'],
    ['before:"next week"', 'before:"next week"'],
  ])('a bad date %j is ignored with a warning naming it', (input, shown) => {
    const q = parseQuery(`ai ${input}`)
    expect(show(q)).toBe('ai')
    expect(q.warnings).toHaveLength(1)
    expect(q.warnings[0]).toContain(shown)
  })

  test.each(['tag:', 'title:', 'lang:""', 'source:" "', 'before:'])(
    'a filter without a value (%j) is ignored with a warning',
    (input) => {
      const q = parseQuery(`ai ${input}`)
      expect(show(q)).toBe('ai')
      expect(q.warnings).toHaveLength(1)
    },
  )

  test('a date range that cannot match says so', () => {
    const q = parseQuery('after:2026 before:2025')
    expect(show(q)).toBe('after>=2026-01-01 before<2025-01-01')
    expect(q.warnings).toHaveLength(1)
  })

  test('the full shape of a parse', () => {
    expect(parseQuery('title:"rate cut" 降息 OR elect* -rumour -tag:sports after:2025')).toEqual({
      groups: [
        [{ text: 'rate cut', phrase: true, prefix: false, field: 'title' }],
        [
          { text: '降息', phrase: false, prefix: false, field: null },
          { text: 'elect', phrase: false, prefix: true, field: null },
        ],
      ],
      exclude: [{ text: 'rumour', phrase: false, prefix: false, field: null }],
      filters: [{ field: 'tag', value: 'sports', negate: true }],
      after: '2025-01-01',
      before: null,
      warnings: [],
    })
  })

  test('never throws, whatever is typed', () => {
    const chars = [
      'a',
      '阿',
      ' ',
      '"',
      '-',
      '*',
      ':',
      '(',
      ')',
      'OR',
      'tag:',
      'before:',
      '😀',
      '\ud800',
    ]
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let n = 0; n < 2000; n++) {
      let s = ''
      for (let k = next() % 12; k > 0; k--) s += chars[next() % chars.length]
      expect(() => parseQuery(s)).not.toThrow()
    }
    expect(() => parseQuery(undefined as unknown as string)).not.toThrow()
  })
})
