import { describe, expect, it } from 'vitest'
import { distinct, shingleHashes, shingleSet, tokenize, tokensOnce } from './shingles'
import { signature } from './minhash'
import { DEFAULT_PARAMS } from './params'

// Every archive stores each article's signature, and a new article is compared with the stored
// ones: the tokens and shingle hashes must come out the same from one version of Lectern to the
// next, or a new reprint no longer finds its story. These are the values archives hold (made by
// the tokenizer as it was when migration 0010 signed them); changing them needs a migration that
// signs every article again.
const MIXED =
  '央行今日宣布下调利率 0.25 个百分点，市场反应平稳。The central bank cut rates by 0.25 points; ' +
  'café owners said “fine”. 𠮷野家 opened 🍜 shops\ud800 lone, ｆｕｌｌ-width ＡＢＣ and kana カタカナ ' +
  'and hangul 한국어.'

const fold = (xs: Uint32Array) =>
  xs.reduce((h, x) => Math.imul(h ^ x, 0x01000193) >>> 0, 0x811c9dc5)

describe('story fingerprints stay what archives store', () => {
  it('tokenizes CJK (in and outside the BMP), words, emoji and a lone surrogate as before', () => {
    const t = tokenize(MIXED)
    expect([t.hashes.length, t.cjk, fold(t.hashes)]).toEqual([56, 30, 2136516317])
    const sh = shingleHashes(t, DEFAULT_PARAMS)
    expect([sh.length, fold(sh), distinct(sh)]).toEqual([52, 455267220, 52])
    expect([...signature(shingleSet(sh), 64)].slice(0, 8)).toEqual([
      50712, 13479, 24067, 21147, 37564, 2013, 44372, 53613,
    ])
  })

  it('gives the same tokens from its kept buffer, call after call, short text after long', () => {
    const long = MIXED.repeat(50)
    const a = tokensOnce(long)
    const first = { hashes: a.hashes.slice(), cjk: a.cjk }
    tokensOnce('短')
    const b = tokensOnce(long)
    expect([...b.hashes]).toEqual([...first.hashes])
    expect(b.cjk).toBe(first.cjk)
    expect([...tokensOnce('短').hashes]).toEqual([...tokenize('短').hashes])
    expect(tokensOnce('').hashes.length).toBe(0)
  })
})
