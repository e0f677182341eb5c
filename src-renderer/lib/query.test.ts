import { describe, expect, it } from 'vitest'
import { addFilter, highlightTerms, parseFilters, removeFilter, setYear } from './query'

describe('parseFilters', () => {
  it.each([
    ['阿里 tag:科技', [['tag', '科技', false]]],
    [
      'tag:"open source" -lang:en x',
      [
        ['tag', 'open source', false],
        ['lang', 'en', true],
      ],
    ],
    [
      'after:2025 before:2026',
      [
        ['after', '2025', false],
        ['before', '2026', false],
      ],
    ],
    ['http://x.example foo:bar', []],
    ['tag:', []],
  ])('%s', (q, want) => {
    expect(parseFilters(q).map((f) => [f.key, f.value, f.negate])).toEqual(want)
  })
})

describe('editing the query', () => {
  it('adds a filter once, quoting spaces', () => {
    expect(addFilter('a', 'source', 'Harbor Daily')).toBe('a source:"Harbor Daily"')
    expect(addFilter('a tag:x', 'tag', 'x')).toBe('a tag:x')
  })
  it('replaces a date bound', () => {
    expect(setYear('x after:2020 before:2021', 2025)).toBe('x after:2025 before:2026')
  })
  it('removes the token it found', () => {
    const q = '阿里 tag:"open source" more'
    expect(removeFilter(q, parseFilters(q)[0]!)).toBe('阿里 more')
  })
})

describe('highlightTerms', () => {
  it.each([
    ['阿里 巴巴', ['阿里', '巴巴']],
    ['"machine learning" -spam tag:ai', ['machine learning']],
    ['a OR b elect*', ['a', 'b', 'elect']],
    ['title:tram', ['tram']],
    ['ｔａｇ：ＡＩ 云', ['云']],
  ])('%s', (q, want) => expect(highlightTerms(q)).toEqual(want))
})
