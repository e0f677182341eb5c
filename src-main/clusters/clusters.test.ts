import { describe, expect, it } from 'vitest'
import { storyText, storyTextOf } from './text'
import { normalizeText } from '../text/normalize'
import { plainText } from '../text/plain'
import { withoutSourceLine } from '../text/source-line'
import { shingles, similarity, tokenize } from './shingles'
import { MemoryClusters } from './memory-store'
import { DEFAULT_PARAMS } from './params'
import {
  BOILERPLATE_ZH,
  CHIPS_EN,
  FLOOD_ZH,
  HARBOUR_EN,
  RATE_CUT_ZH,
  RATE_CUT_ZH_TW,
} from './fixtures/stories'

const sh = (md: string) => shingles(tokenize(storyText(md)), DEFAULT_PARAMS)
const sim = (a: string, b: string) => similarity(sh(a), sh(b))
const paras = (s: string) => s.split('\n\n')

/** Feeds the texts in order (ids 1, 2, …) and prints the clusters as groups of ids. */
function cluster(...texts: string[]): string {
  const m = new MemoryClusters(DEFAULT_PARAMS)
  texts.forEach((t, i) => m.add(i + 1, t))
  return m
    .clusters()
    .map((c) => c.join('+'))
    .sort()
    .join(' ')
}

describe('storyText: what counts', () => {
  it.each([
    ['the source line', `${CHIPS_EN}\n\n[reuters](https://www.reuters.com/x/y.html)\n`, CHIPS_EN],
    ['the source line, another outlet', `${CHIPS_EN}\n\n[qq](https://new.qq.com/a/1)`, CHIPS_EN],
    ['Markdown emphasis and headings', `# Chips\n\n**${CHIPS_EN}**`, `Chips\n\n${CHIPS_EN}`],
    ['link targets', 'See [the report](https://a.example/r) now', 'See the report now'],
    ['Traditional characters', RATE_CUT_ZH_TW, RATE_CUT_ZH],
    ['full-width letters', 'ＡＩ芯片', 'AI芯片'],
  ])('ignores %s', (_, a, b) => {
    // what counts is what is shingled: words and CJK characters, not punctuation
    expect(sh(a)).toEqual(sh(b))
    expect(sh(a).length).toBeGreaterThan(0)
  })

  it.each([
    ['a source line after a blank line', `${RATE_CUT_ZH}\n\n[新浪](https://news.sina.com.cn/x)`],
    ['a source line right under the text', `${CHIPS_EN}\n[reuters](https://reuters.com/x)`],
    ['a source line under Chinese text', `央行宣布降息\n[腾讯网](https://new.qq.com/1)`],
    ['a label with emphasis', `${CHIPS_EN}\n\n[**AP** &amp; co](https://apnews.com/x)`],
    ['an empty label', `${CHIPS_EN}\n\n[](https://apnews.com/x)`],
    ['no source line', CHIPS_EN],
  ])('reads the same from the index text as from the Markdown: %s', (_, md) => {
    // the importer hands over the folded body it made for the search index
    const expected = normalizeText(plainText(withoutSourceLine(md)))
    expect(storyTextOf(md, normalizeText(plainText(md))).trimEnd()).toBe(expected.trimEnd())
  })

  it('keeps a link in the last line when it is not alone on it', () => {
    expect(storyText('Read [more](https://a.example/) here')).toContain('more')
  })
})

describe('similarity', () => {
  it('is 1 for a Traditional reprint, a new source line and re-wrapped lines', () => {
    const rewrapped = RATE_CUT_ZH_TW.replace(/，/g, '，\n') + '\n\n[udn](https://udn.com/1)'
    expect(sim(RATE_CUT_ZH, rewrapped).jaccard).toBe(1)
  })

  it('sees a cut version as inside the original', () => {
    const cut = paras(CHIPS_EN).slice(0, 2).join('\n\n')
    const s = sim(CHIPS_EN, cut)
    expect(s.containment).toBe(1)
    expect(s.jaccard).toBeLessThan(0.8)
  })

  it('is near 0 for different stories', () => {
    expect(sim(CHIPS_EN, HARBOUR_EN).jaccard).toBeLessThan(0.05)
    expect(sim(RATE_CUT_ZH, FLOOD_ZH).jaccard).toBeLessThan(0.05)
  })
})

describe('clustering', () => {
  it('groups reprints: reordered, retitled, Traditional, a boilerplate line added', () => {
    const reordered = paras(CHIPS_EN).reverse().join('\n\n')
    const withLine = `${CHIPS_EN}\n\nSign up for our newsletter to get the top stories every morning.`
    expect(cluster(CHIPS_EN, RATE_CUT_ZH, reordered, RATE_CUT_ZH_TW, withLine, FLOOD_ZH)).toBe(
      '1+3+5 2+4 6',
    )
  })

  it('joins a short article quoted whole inside a long one', () => {
    const short = paras(RATE_CUT_ZH)[0]!
    const digest = `${FLOOD_ZH}\n\n${short}\n\n${paras(FLOOD_ZH)[1]}`
    expect(cluster(short, HARBOUR_EN, digest)).toBe('1+3 2')
  })

  it('joins a short article quoted inside a digest many times its length (by its windows)', () => {
    const short = paras(RATE_CUT_ZH)[0]!
    // 1,500 characters of other text: the short one is under a twentieth of the digest, too
    // little for the whole signatures to tell
    let seed = 7
    const filler = Array.from({ length: 1500 }, () => {
      seed = (seed * 48271) % 2147483647
      return String.fromCharCode(0x4e00 + (seed % 2000))
    }).join('')
    // placed in one window (side by side, 120 shingles each), as a quote a window long would be
    const digest = `${filler.slice(0, 720)}\n\n${short}\n\n${filler.slice(720)}`
    expect(cluster(short, HARBOUR_EN, digest)).toBe('1+3 2')
    expect(cluster(short, HARBOUR_EN, filler)).toBe('1 2 3')
  })

  it('does not join stories that share only an outlet boilerplate', () => {
    const a = `${paras(RATE_CUT_ZH)[0]}\n\n${BOILERPLATE_ZH}`
    const b = `${paras(FLOOD_ZH)[0]}\n\n${BOILERPLATE_ZH}`
    const c = `${paras(FLOOD_ZH)[2]}\n\n${BOILERPLATE_ZH}`
    const d = `${paras(RATE_CUT_ZH)[2]}\n\n${BOILERPLATE_ZH}`
    expect(cluster(a, b, c, d)).toBe('1 2 3 4')
  })

  it('keeps an empty or tiny text alone', () => {
    expect(cluster('', '', '[a](https://a.example/)', 'ok')).toBe('1 2 3 4')
  })

  it('never crosses a "not the same story" choice, and obeys "same story"', () => {
    const m = new MemoryClusters(DEFAULT_PARAMS)
    m.choose(1, 2, 'apart')
    m.choose(3, 4, 'joined')
    m.add(1, CHIPS_EN)
    m.add(2, paras(CHIPS_EN).reverse().join('\n\n'))
    m.add(3, HARBOUR_EN)
    m.add(4, FLOOD_ZH)
    expect(m.clusters().map((c) => c.join('+'))).toEqual(['1', '2', '3+4'])
  })
})

describe('incremental placement', () => {
  it('reads only the candidates LSH finds, not the rest of the archive', () => {
    const m = new MemoryClusters(DEFAULT_PARAMS)
    // forty articles: ten editions of each of four stories
    const stories = [RATE_CUT_ZH, FLOOD_ZH, CHIPS_EN, HARBOUR_EN].flatMap((s) =>
      Array.from({ length: 10 }, (_, i) => `${s}\n\n第${i}版 edition ${i} ${'x'.repeat(i)}`),
    )
    stories.forEach((s, i) => m.add(i + 1, s))
    const read: number[] = []
    const shinglesOf = m.shinglesOf.bind(m)
    m.shinglesOf = (id: number) => {
      read.push(id)
      return shinglesOf(id)
    }
    m.add(100, `${HARBOUR_EN}\n\nA line the reprint added at the end of it.`)
    // the ten harbour editions are its candidates; none of the other thirty is read
    expect(read.length).toBeGreaterThan(0)
    expect(read.every((id) => id >= 31 && id <= 40)).toBe(true)
  })
})
