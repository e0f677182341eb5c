import { describe, expect, it } from 'vitest'
import { tokenize, wordDiff } from './word-diff'

// Each row prints the diff compactly: [-deleted-] {+inserted+}.
const show = (a: string, b: string) =>
  wordDiff(a, b)
    .map((p) => (p.op === 'equal' ? p.text : p.op === 'delete' ? `[-${p.text}-]` : `{+${p.text}+}`))
    .join('')

describe('CJK-aware word diff', () => {
  it.each([
    ['国务院总理出席会议', '国务院副总理出席会议', '国务院{+副+}总理出席会议'],
    ['死亡人数为12人', '死亡人数为21人', '死亡人数为[-12-]{+21+}人'],
    [
      'The minister resigned on Monday.',
      'The minister resigned on Tuesday.',
      'The minister resigned on [-Monday-]{+Tuesday+}.',
    ],
    ['He said it was "fine".', 'He said it was "not fine".', 'He said it was "{+not +}fine".'],
    ['新华社 reported 3 deaths', '新华社 reported 5 deaths', '新华社 reported [-3-]{+5+} deaths'],
    ['same', 'same', 'same'],
    ['', '新', '{+新+}'],
  ])('%s → %s', (a, b, expected) => {
    expect(show(a, b)).toBe(expected)
  })

  it('splits CJK by character and Latin by word, keeping every character', () => {
    const s = '习近平在 Beijing 说：“don’t”'
    expect(tokenize(s)).toEqual([
      '习',
      '近',
      '平',
      '在',
      ' ',
      'Beijing',
      ' ',
      '说',
      '：',
      '“',
      'don’t',
      '”',
    ])
    expect(tokenize(s).join('')).toBe(s)
  })
})
