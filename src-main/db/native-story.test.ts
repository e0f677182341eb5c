import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rankExtensionFile } from '../api/open-service'
import { useExtension } from './extension'
import { fingerprintOf, type Fingerprint } from './story-store'
import { DEFAULT_PARAMS, type ClusterParams } from '../clusters/params'
import { nativeStory, resetNativeStory } from './native-story'
import { storyText } from '../clusters/text'
import { CHIPS_EN, FLOOD_ZH, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'

// Story fingerprints are made in C when Lectern's extension is built (native/lectern_story.c)
// and in TypeScript when it is not, and both kinds meet in one archive: its stored signatures,
// and the band keys and shingles compared on import. So the two must agree to the bit, on any
// text a file can hold.

const built = rankExtensionFile()

/** Both fingerprints of `text`, as plain arrays (the keys: only those in use). */
function both(text: string, p: ClusterParams = DEFAULT_PARAMS) {
  const plain = (f: Fingerprint) => ({
    hashes: [...f.hashes],
    size: f.size,
    sig: [...f.sig],
    sigs: [...f.windows.sigs],
    keys: [...f.windows.keys],
    bytes: f.bytes,
  })
  return { c: plain(fingerprintOf(text, p)), ts: plain(fingerprintOf(text, p, undefined, false)) }
}

const same = (text: string, p?: ClusterParams) => {
  const { c, ts } = both(text, p)
  expect(c).toEqual(ts)
  return ts
}

// every UTF-16 unit from `from` to `to`, a space after every `run` of them, lone surrogates too
function units(from: number, to: number, run: number): string {
  let s = ''
  for (let u = from; u <= to; u++)
    s += String.fromCharCode(u) + ((u - from) % run === run - 1 ? ' ' : '')
  return s
}

describe.skipIf(!built)('story fingerprints made by the extension', () => {
  beforeAll(() => {
    useExtension(built)
    resetNativeStory()
  })
  afterAll(() => {
    useExtension(null)
    resetNativeStory()
  })

  it('are the TypeScript ones for articles of every kind', () => {
    // (made in C here, not by the fallback)
    expect(nativeStory('中国经济', DEFAULT_PARAMS)?.shingles).toBe(1)
    // Chinese (shingled by characters), Traditional, English (by words), long enough for windows
    for (const md of [RATE_CUT_ZH, RATE_CUT_ZH_TW, FLOOD_ZH, CHIPS_EN]) {
      const f = same(storyText(md))
      expect(f.size).toBeGreaterThan(50)
    }
    const long = same(storyText([RATE_CUT_ZH, FLOOD_ZH, CHIPS_EN].join('\n\n').repeat(4)))
    expect(long.keys.length).toBeGreaterThan(16)
    expect(long.sigs.length).toBeGreaterThan(64)
    // a text with a repeated shingle: fewer distinct than in all
    const repeated = same('一二三四五六 '.repeat(30))
    expect(repeated.size).toBeLessThan(repeated.hashes.length)
  })

  it('are the TypeScript ones for texts with no, one or a few tokens', () => {
    expect(same('').hashes).toEqual([])
    expect(same('，。!? ').bytes).toBe(0)
    expect(same('中').hashes).toHaveLength(1)
    expect(same('market').hashes).toHaveLength(1)
    same('中国经济')
    same('one two three')
    same('one two three four five')
    // a word whose one shingle hashes to 0, which the distinct count counts apart (found by a
    // search over three-letter words)
    const zero = 'H\u16c1\uab02'
    expect(same(zero)).toMatchObject({ hashes: [0], size: 1 })
    expect(same(`a ${zero} b ${zero}`, { ...DEFAULT_PARAMS, kWords: 1 }).size).toBe(3)
  })

  it('are the TypeScript ones for every UTF-16 unit, surrogates alone and in pairs', () => {
    // all 65,536 units in words of 7 (lone and misordered surrogate halves among them), then
    // each alone between spaces
    same(units(0, 0xffff, 7))
    same(units(0, 0xffff, 1))
    // pairs: CJK outside the BMP (extension B, the kana supplement), other astral letters and
    // emoji inside words, a high half at the very end
    same('𠀀𠀁𠀂𠀃𠀄𠀅 𛀀𛀁𛀂 a𝐀b😀c 𝐀𝐁𝐂 中𠀀国\ud800x\udc00 𪚥𪚥𪚥𪚥𪚥𪚥\ud83d')
  })

  it('are the TypeScript ones for a text larger than the units buffer kept', () => {
    // 3,000,000 UTF-16 units (the buffer kept between calls holds 2,097,152), then a small one
    const huge = '中国经济发展，market growth 2026。'.repeat(120_000)
    const bytes = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
    const c = fingerprintOf(huge, DEFAULT_PARAMS)
    const ts = fingerprintOf(huge, DEFAULT_PARAMS, undefined, false)
    expect(c.hashes.length).toBeGreaterThan(1_000_000)
    expect(Buffer.compare(bytes(c.hashes), bytes(ts.hashes))).toBe(0)
    expect(Buffer.compare(bytes(c.windows.sigs), bytes(ts.windows.sigs))).toBe(0)
    expect([c.size, [...c.sig], [...c.windows.keys]]).toEqual([
      ts.size,
      [...ts.sig],
      [...ts.windows.keys],
    ])
    same(storyText(RATE_CUT_ZH))
  })

  it('are the TypeScript ones with other parameters', () => {
    const text = storyText([RATE_CUT_ZH, CHIPS_EN, FLOOD_ZH].join('\n\n').repeat(3))
    // a width that is not a power of two (bins by multiplication), short shingles, small windows
    same(text, { ...DEFAULT_PARAMS, values: 50, bands: 7, rows: 4, window: 30, kCjk: 3, kWords: 2 })
    same(text, { ...DEFAULT_PARAMS, values: 8, bands: 8, rows: 1, window: 10, kCjk: 1, kWords: 1 })
    same(text, { ...DEFAULT_PARAMS, values: 128, bands: 32, rows: 4, window: 500 })
  })
})

describe('story fingerprints without a usable extension', () => {
  afterAll(() => {
    useExtension(null)
    resetNativeStory()
  })

  it('are made in TypeScript when the extension will not load', () => {
    const text = storyText(RATE_CUT_ZH)
    const expected = fingerprintOf(text, DEFAULT_PARAMS, undefined, false)
    for (const file of [null, '/nowhere/lectern_rank.so']) {
      useExtension(file)
      resetNativeStory()
      expect(nativeStory(text, DEFAULT_PARAMS)).toBeNull()
      expect([...fingerprintOf(text, DEFAULT_PARAMS).sig]).toEqual([...expected.sig])
    }
  })
})
