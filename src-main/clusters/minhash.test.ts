import { describe, expect, it } from 'vitest'
import { signature, signatureLength, signatures } from './minhash'
import { shingleHashes, shingleSet, tokenize, windows } from './shingles'
import { DEFAULT_PARAMS } from './params'
import { RATE_CUT_ZH, CHIPS_EN } from './fixtures/stories'

describe('signatures', () => {
  it.each([
    ['a long Chinese text', RATE_CUT_ZH.repeat(3), 40],
    ['an English text', CHIPS_EN, 20],
    ['a text of exactly two windows', RATE_CUT_ZH, 0],
    ['a short text', '央行降息', 120],
  ])('of %s: the set’s and each window’s, hashed once', (_, text, size) => {
    const hashes = shingleHashes(tokenize(text), DEFAULT_PARAMS)
    const window = size || Math.floor(hashes.length / 2)
    const n = signatureLength(DEFAULT_PARAMS)
    const got = signatures(hashes, n, window)
    expect(got.whole).toEqual(signature(shingleSet(hashes), n))
    const each = windows(hashes, window).map((w) => [...signature(w, n)])
    expect([...got.windows]).toEqual(each.flat())
    if (size === 40) expect(each.length).toBeGreaterThan(2)
  })
})
