import { describe, expect, it } from 'vitest'
import { cite } from './citations'
import { cslItem, type ReferenceFacts } from './csl-item'

const reuters: ReferenceFacts = {
  id: 1,
  title: 'Central bank cuts rates',
  date: '2025-02-13T19:47:22+08:00',
  lang: 'en',
  sourceUrl: 'https://www.reuters.com/markets/rates-2025-02-13/',
  sourceName: 'Reuters',
  author: 'Jane Smith',
  importedAt: '2025-03-01T08:00:00.000Z',
}
const qq: ReferenceFacts = {
  id: 2,
  title: '阿里巴巴公布财报',
  date: '2025-02-13',
  lang: 'zh-CN',
  sourceUrl: 'https://new.qq.com/rain/a/20250213A01',
  sourceName: '腾讯新闻',
  author: null,
  importedAt: '2025-03-01T08:00:00.000Z',
}
const page: ReferenceFacts = {
  id: 3,
  title: 'Notes on a page',
  date: null,
  lang: null,
  sourceUrl: 'https://example.org/notes',
  sourceName: null,
  author: null,
  importedAt: '2025-03-01T08:00:00.000Z',
}
const items = [reuters, qq, page].map(cslItem)
const entry = async (
  style: Parameters<typeof cite>[1],
  locale: Parameters<typeof cite>[2],
  id: number,
) => (await cite(items, style, locale)).entries.find((e) => e.articleId === id)

describe('citations', () => {
  it.each([
    [
      'apa',
      'en',
      1,
      'Smith, J. (2025, February 13). Central bank cuts rates. Reuters. https://www.reuters.com/markets/rates-2025-02-13/',
    ],
    [
      'apa',
      'en',
      3,
      'Notes on a page. (n.d.). Retrieved March 1, 2025, from https://example.org/notes',
    ],
    [
      'chicago',
      'en',
      1,
      'Smith, Jane. “Central Bank Cuts Rates.” Reuters, February 13, 2025. https://www.reuters.com/markets/rates-2025-02-13/.',
    ],
    [
      'mla',
      'en',
      1,
      'Smith, Jane. “Central Bank Cuts Rates.” Reuters, 13 Feb. 2025, https://www.reuters.com/markets/rates-2025-02-13/.',
    ],
    [
      'mla',
      'zh-CN',
      2,
      '《阿里巴巴公布财报》. 腾讯新闻, 2025年2月13日, https://new.qq.com/rain/a/20250213A01.',
    ],
    [
      'gb7714',
      'zh-CN',
      2,
      '[2] 阿里巴巴公布财报[N/OL]. 腾讯新闻, 2025-02-13[2025-03-01]. https://new.qq.com/rain/a/20250213A01.',
    ],
    ['gb7714', 'zh-CN', 3, '[3] Notes on a page[EB/OL]. [2025-03-01]. https://example.org/notes.'],
    [
      'gb7714',
      'en',
      1,
      '[1] SMITH J. Central bank cuts rates[N/OL]. Reuters, 2025-02-13[2025-03-01]. https://www.reuters.com/markets/rates-2025-02-13/.',
    ],
  ] as const)('%s (%s), article %i', async (style, locale, id, expected) => {
    expect((await entry(style, locale, id))?.text).toBe(expected)
  })

  it('gives the in-text and note forms beside the entry', async () => {
    expect((await entry('apa', 'en', 1))?.citation).toBe('(Smith, 2025)')
    // Chicago's 18th edition: short notes when the bibliography gives the full reference.
    expect((await entry('chicago', 'en', 1))?.citation).toBe('Smith, “Central Bank Cuts Rates.”')
    expect((await entry('gb7714', 'zh-CN', 2))?.citation).toBe('[2]')
  })

  it('makes HTML with the special characters escaped', async () => {
    const tricky = cslItem({ ...reuters, id: 9, title: 'Rates <up> & "away"' })
    const html = (await cite([tricky], 'apa', 'en')).html
    expect(html).toContain('Rates &#60;up&#62; &#38; “away.”')
    expect(html).toMatch(/^<div class="csl-bib-body">/)
    expect(html).toContain('<div class="csl-entry">')
  })

  it('orders a bibliography as the style says: APA by author, GB/T 7714 by order of citing', async () => {
    expect((await cite(items, 'apa', 'en')).entries.map((e) => e.articleId)).toEqual([3, 1, 2])
    expect((await cite(items, 'gb7714', 'zh-CN')).entries.map((e) => e.articleId)).toEqual([
      1, 2, 3,
    ])
  })
})
