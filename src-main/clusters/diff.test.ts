import { describe, expect, it } from 'vitest'
import { diffTexts, diffTokens } from './diff'

// Each row shows the diff as the reader would: [-removed-] {+added+}, the rest as it stands.
const show = (from: string, to: string) =>
  diffTexts(from, to)
    .parts.map((p) =>
      p.op === 'same' ? p.text : p.op === 'added' ? `{+${p.text}+}` : `[-${p.text}-]`,
    )
    .join('')

describe('diffTexts', () => {
  it.each([
    [
      'Latin text by words',
      'Shares rose six percent',
      'Shares fell six percent',
      'Shares [-rose-]{+fell+} six percent',
    ],
    [
      'Chinese by characters',
      '央行宣布降息十个基点',
      '央行宣布加息十个基点',
      '央行宣布[-降-]{+加+}息十个基点',
    ],
    [
      'a cut sentence',
      '降息。市场上涨。银行跟进。',
      '降息。银行跟进。',
      '降息。[-市场上涨。-]银行跟进。',
    ],
    [
      'Traditional versus Simplified: only real changes',
      '央行宣布降息，市场上涨',
      '央行宣佈降息，市場下跌',
      '央行宣佈降息，市場[-上涨-]{+下跌+}',
    ],
    ['mixed scripts', 'AI芯片需求大增', 'AI芯片需求下降', 'AI芯片需求[-大增-]{+下降+}'],
    ['nothing changed', 'same text', 'same text', 'same text'],
  ])('%s', (_, from, to, expected) => {
    expect(show(from, to)).toBe(expected)
  })

  it('keeps the text of the version being read, as written', () => {
    const parts = diffTexts('市场上涨', '市場上漲').parts
    expect(parts).toEqual([{ op: 'same', text: '市場上漲' }])
  })

  it('gives up cleanly on texts too different to align', () => {
    const r = diffTexts('a b c d e f g h', 'z y x w v u t s', 3)
    expect(r.tooDifferent).toBe(true)
    expect(r.parts.map((p) => p.op)).toEqual(['removed', 'added'])
  })

  it('tokenises CJK by character and Latin by word', () => {
    expect(diffTokens('阿里 launches AI云').map((t) => t.text)).toEqual([
      '阿',
      '里',
      ' ',
      'launches',
      ' ',
      'AI',
      '云',
    ])
  })
})
