import { describe, expect, it } from 'vitest'
import { AnchorError, reanchor, selectQuote } from './anchor'

const EN =
  'The central bank cut interest rates on Tuesday. Markets rose sharply. ' +
  'Analysts said the cut was expected, and that more cuts may follow later this year.'
const ZH =
  '阿里巴巴周二公布财报，云计算收入增长百分之十三。分析师表示，人工智能需求强劲。' +
  '公司称将继续加大投入，并计划在明年推出新的大模型。'

/** The text a re-anchored selector now covers, with how it was found; "orphaned" when none. */
function moved(before: string, quote: string, after: string, occurrence?: number): string {
  const a = reanchor(after, selectQuote(before, quote, occurrence))
  return a ? `${a.how}: ${after.slice(a.start, a.end)} @${a.start}` : 'orphaned'
}

describe('selecting a quote', () => {
  it.each([
    // [text, quote, occurrence, start, prefix, suffix]
    [
      EN,
      'Markets rose sharply.',
      undefined,
      48,
      'rates on Tuesday. ',
      ' Analysts said the cut was expec',
    ],
    [
      ZH,
      '人工智能需求强劲',
      undefined,
      30,
      '云计算收入增长百分之十三。分析师表示，',
      '。公司称将继续加大投入',
    ],
    [EN, 'cut', 2, 88, 'ly. Analysts said the ', ' was expected, and that more cut'],
  ])('%#: %s', (text, quote, occurrence, start, prefix, suffix) => {
    const s = selectQuote(text, quote, occurrence)
    expect(s.start).toBe(start)
    expect(text.slice(s.start, s.end)).toBe(quote)
    expect(s.prefix.length).toBeLessThanOrEqual(32)
    expect(s.prefix.endsWith(prefix)).toBe(true)
    expect(s.suffix.startsWith(suffix)).toBe(true)
  })

  it.each([
    ['', 'quote-empty'],
    ['lower rates', 'quote-not-found'],
    ['cut', 'quote-ambiguous'],
  ])('refuses %j with %s', (quote, code) => {
    expect(() => selectQuote(EN, quote)).toThrow(AnchorError)
    try {
      selectQuote(EN, quote)
    } catch (e) {
      expect((e as AnchorError).code).toBe(code)
    }
  })

  it('says how many occurrences there are when one is asked for that does not exist', () => {
    expect(() => selectQuote(EN, 'cut', 4)).toThrow(/occurs 3 times, not 4/)
    expect(() => selectQuote(EN, 'cut')).toThrow(/occurs 3 times/)
  })
})

describe('re-anchoring after the text changed', () => {
  it.each([
    // [case, before, quote, after, where it lands]
    ['unchanged', EN, 'Markets rose sharply.', EN, 'exact: Markets rose sharply. @48'],
    [
      'a paragraph inserted before the quote',
      EN,
      'Markets rose sharply.',
      'UPDATE: corrected the date. ' + EN,
      'exact: Markets rose sharply. @76',
    ],
    [
      'words edited inside the context',
      EN,
      'Markets rose sharply.',
      EN.replace('on Tuesday', 'late on Tuesday').replace('Analysts said', 'Economists said'),
      'exact: Markets rose sharply. @53',
    ],
    [
      'a word changed inside the quote, context intact',
      EN,
      'Markets rose sharply.',
      EN.replace('rose sharply', 'rallied sharply'),
      'context: Markets rallied sharply. @48',
    ],
    [
      'a word changed inside the quote and its context',
      EN,
      'Analysts said the cut was expected',
      EN.replace('Markets rose', 'Stocks rose')
        .replace('Analysts said', 'Analysts say')
        .replace('and that more', 'adding that more'),
      'fuzzy: Analysts say the cut was expected @69',
    ],
    [
      'the quote removed',
      EN,
      'Markets rose sharply.',
      EN.replace('Markets rose sharply. ', ''),
      'orphaned',
    ],
    [
      'the same quote twice: the second stays the second',
      EN,
      'cut',
      'Breaking: ' + EN,
      'exact: cut @98',
    ],
    [
      'Chinese: a sentence inserted before',
      ZH,
      '人工智能需求强劲',
      '【更新】' + ZH.replace('阿里巴巴周二', '阿里巴巴集团周二'),
      'exact: 人工智能需求强劲 @36',
    ],
    [
      'Chinese: a character changed inside the quote',
      ZH,
      '公司称将继续加大投入，并计划在明年推出新的大模型',
      ZH.replace('继续加大投入', '持续加大投入'),
      'context: 公司称将持续加大投入，并计划在明年推出新的大模型 @39',
    ],
    [
      'Chinese: the quote removed',
      ZH,
      '人工智能需求强劲',
      ZH.replace('人工智能需求强劲', '前景乐观'),
      'orphaned',
    ],
  ])('%s', (_case, before, quote, after, expected) => {
    const occurrence = quote === 'cut' ? 2 : undefined
    expect(moved(before, quote, after, occurrence)).toBe(expected)
  })

  it('picks, of two equal quotes, the one whose context still matches, even far from the old place', () => {
    const before = 'Alpha said yes. Then came a long interlude of text. Beta said yes.'
    const sel = selectQuote(before, 'said yes', 2)
    const after = 'Beta said yes. Then came a long interlude of text. Alpha said yes.'
    const a = reanchor(after, sel)
    expect(after.slice(0, a?.start)).toBe('Beta ')
  })

  it('follows the reader’s occurrence when it is edited, not an untouched copy elsewhere', () => {
    const before =
      'Wages rose in March, chart source: Trading Economics. Prices fell in April, chart source: Trading Economics. End.'
    const sel = selectQuote(before, 'chart source: Trading Economics', 2)
    const after = before.replace(
      'April, chart source: Trading Economics',
      'April, chart source: Trading Economic',
    )
    const a = reanchor(after, sel)
    expect(a?.how).toBe('context')
    expect(after.slice(0, a?.start).endsWith('April, ')).toBe(true)
  })

  it('prefers the nearest occurrence when the contexts tie', () => {
    const before = 'x yes x. ' + 'filler '.repeat(20) + 'x yes x.'
    const sel = selectQuote(before, 'yes', 2)
    const after = 'x yes x. ' + 'filler '.repeat(18) + 'x yes x.'
    expect(reanchor(after, sel)?.start).toBe(after.lastIndexOf('yes'))
  })
})
