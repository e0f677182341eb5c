import { describe, expect, it } from 'vitest'
import { readerFold } from '../shared/match'
import { normalizeText } from '../text/normalize'

// The reader marks with readerFold, the index folds with normalizeText: they must agree on every
// character except Traditional → Simplified, which the renderer leaves to the snippet's words.
describe('readerFold', () => {
  it('agrees with normalizeText on every BMP character but Traditional → Simplified', () => {
    const differ: string[] = []
    for (let u = 0; u < 0x10000; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue
      const ch = String.fromCharCode(u)
      const ours = readerFold(ch).text
      const index = normalizeText(ch)
      if (ours === index) continue
      const [a, b] = [[...ours], [...index]]
      const simplified =
        a.length === b.length &&
        a.every(
          (c, i) => c === b[i] || (c.codePointAt(0)! >= 0x3400 && b[i]!.codePointAt(0)! >= 0x3400),
        )
      if (!simplified) differ.push(`U+${u.toString(16)} ${JSON.stringify([ours, index])}`)
    }
    expect(differ).toEqual([])
  })

  it('maps every folded unit back to its character', () => {
    const s = 'Ｃａｆé ﬁ 臺灣 e\u0301'
    const { text, map } = readerFold(s)
    expect(text).toBe('cafe fi 臺灣 e')
    expect(map[text.length]).toBe(s.length)
    expect(s.slice(map[0]!, map[4]!)).toBe('Ｃａｆé')
  })
})
