import { describe, expect, it } from 'vitest'
import { addFilter, queryChips, removeFilter, setYear } from './query'

// The chips themselves are the shared parser's `fields`: their table is in
// src-main/shared/query.test.ts. Here: editing the query through them.
describe('removing a chip cuts exactly its token, as typed', () => {
  it.each([
    ['阿里 tag:"open source" more', '阿里 more'],
    ['tag:“open source” x', 'x'],
    ['ｔａｇ：ＡＩ 云', '云'],
    ['a －tag:x b', 'a b'],
    ['title:"a b" c', 'c'],
    ['x -lang:en', 'x'],
    ['tag:"machine learning', ''],
  ])('%s → %j', (q, want) => {
    const [chip] = queryChips(q)
    expect(removeFilter(q, chip!)).toBe(want)
  })
})

describe('adding a filter from a facet', () => {
  it('adds it once, quoting spaces', () => {
    expect(addFilter('a', 'source', 'Harbor Daily')).toBe('a source:"Harbor Daily"')
    expect(addFilter('a tag:x', 'tag', 'x')).toBe('a tag:x')
  })
  it('sees a filter typed in full-width or curly quotes as already there', () => {
    expect(addFilter('ｔａｇ：ＡＩ', 'tag', 'AI')).toBe('ｔａｇ：ＡＩ')
    expect(addFilter('tag:“open source”', 'tag', 'open source')).toBe('tag:“open source”')
  })
  it('an excluded tag is not the same filter', () => {
    expect(addFilter('－tag:x', 'tag', 'x')).toBe('－tag:x tag:x')
  })
  it('replaces a date bound, however it was typed', () => {
    expect(setYear('x after:2020 before:2021', 2025)).toBe('x after:2025 before:2026')
    expect(setYear('ａｆｔｅｒ：２０２０ x', 2025)).toBe('x after:2025 before:2026')
  })
  it('a chip added is a chip the parser reads back', () => {
    const q = addFilter('x', 'tag', 'say "hi" there')
    expect(queryChips(q).map((f) => [f.field, f.value])).toEqual([['tag', 'say hi there']])
  })
})
