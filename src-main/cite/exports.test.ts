import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { parse as parseBibtex } from '@retorquere/bibtex-parser'
import { AST, parse as parseRis } from 'astrocite-ris'
import { cslItem, type ReferenceFacts } from './csl-item'
import { toBibtex, toCslJson, toRis } from './exports'

const base: Omit<ReferenceFacts, 'id' | 'title'> = {
  date: '2025-02-13T19:47:22+08:00',
  lang: 'zh-CN',
  sourceUrl: 'https://new.qq.com/rain/a/20250213A01?from=a&x=1%20#top',
  sourceName: '腾讯新闻',
  author: null,
  importedAt: '2025-03-01T08:00:00.000Z',
}
const facts: ReferenceFacts[] = [
  { ...base, id: 1, title: '阿里巴巴公布财报：云计算收入增长13%', author: '张三、李四' },
  // Same source and year: keys must still differ.
  { ...base, id: 2, title: 'R&D spend rises 50% at $BABA {again} #1 ~ up_down ^ \\o/' },
  {
    ...base,
    id: 3,
    title: 'Central bank cuts rates',
    lang: 'en',
    sourceName: 'Reuters',
    author: 'Jane Smith and John O’Brien',
    sourceUrl: 'https://www.reuters.com/markets/',
  },
  { ...base, id: 4, title: 'A page, undated', date: null, sourceName: null, lang: null },
]
const items = facts.map(cslItem)

describe('CSL items', () => {
  it('are newspaper articles when there is a source name, else web pages, with no invented date', () => {
    expect(items.map((i) => i.type)).toEqual([
      'article-newspaper',
      'article-newspaper',
      'article-newspaper',
      'webpage',
    ])
    expect(items[3]).toEqual({
      id: '4',
      type: 'webpage',
      title: 'A page, undated',
      accessed: { 'date-parts': [[2025, 3, 1]] },
      URL: base.sourceUrl,
    })
    expect(items[0]).toMatchObject({
      'container-title': '腾讯新闻',
      issued: { 'date-parts': [[2025, 2, 13]] },
      author: [{ literal: '张三' }, { literal: '李四' }],
      language: 'zh-CN',
    })
    expect(items[2]?.author).toEqual([
      { family: 'Smith', given: 'Jane' },
      { family: 'O’Brien', given: 'John' },
    ])
  })
})

// The official CSL schemas (RELAX NG, from the citeproc-csl-schemata package): the item types
// and the variables a CSL item may carry.
function cslVocabulary() {
  const require = createRequire(import.meta.url)
  const dir = join(dirname(require.resolve('citeproc-csl-schemata/package.json')), 'schema')
  const quoted = (file: string) =>
    new Set([...readFileSync(join(dir, file), 'utf8').matchAll(/"([\w-]+)"/g)].map((m) => m[1]))
  return { types: quoted('csl-types.rnc'), variables: quoted('csl-variables.rnc') }
}

describe('CSL-JSON', () => {
  const out = JSON.parse(toCslJson(items)) as Record<string, unknown>[]
  it('is one item per article with only CSL types and variables, no private fields', () => {
    const { types, variables } = cslVocabulary()
    expect(out).toHaveLength(4)
    for (const item of out) {
      expect(types.has(item.type as string)).toBe(true)
      // id, type and language are CSL-JSON fields outside the style vocabulary.
      for (const key of Object.keys(item)) {
        expect(variables.has(key) || ['id', 'type', 'language'].includes(key), key).toBe(true)
      }
    }
    expect(out[0]?.title).toBe('阿里巴巴公布财报：云计算收入增长13%')
  })
})

describe('RIS', () => {
  const ris = toRis(items)
  it('reads back with astrocite-ris: one record per article, Chinese as UTF-8', () => {
    const back = parseRis(ris)
    expect(back).toHaveLength(4)
    expect(back.map((r) => r.type)).toEqual([
      'article-newspaper',
      'article-newspaper',
      'article-newspaper',
      'webpage',
    ])
    expect(back[0]).toMatchObject({
      title: '阿里巴巴公布财报：云计算收入增长13%',
      'container-title': '腾讯新闻',
      URL: base.sourceUrl,
    })
    // astrocite's name splitter knows only Latin capitals; its syntax tree shows the names whole.
    const au = AST.parse(ris).children[0]?.properties.filter((p) => p.key === 'AU')
    expect(au?.map((p) => p.value)).toEqual(['张三', '李四'])
    expect(back[1]?.title).toBe(facts[1]?.title)
    expect(back[2]?.author).toEqual([
      { family: 'Smith', given: 'Jane' },
      { family: 'O’Brien', given: 'John' },
    ])
    expect(back[0]?.issued?.['date-parts']?.[0]?.map(Number)).toEqual([2025, 2, 13])
    expect(back[3]?.issued).toBeUndefined()
  })
  it('uses RIS tags and line form', () => {
    expect(ris.split('\r\n').slice(0, 3)).toEqual([
      'TY  - NEWS',
      'TI  - 阿里巴巴公布财报：云计算收入增长13%',
      'AU  - 张三',
    ])
    expect(ris.match(/^ER {2}- $/gm)).toHaveLength(4)
  })
})

describe('BibTeX', () => {
  const bib = toBibtex(items)
  const lib = parseBibtex(bib)
  it('reads back with @retorquere/bibtex-parser without errors, one entry per article', () => {
    expect(lib.errors).toEqual([])
    expect(lib.entries.map((e) => e.type)).toEqual(['article', 'article', 'article', 'misc'])
  })
  it('has unique keys, also for two articles of one source and year', () => {
    const keys = lib.entries.map((e) => e.key)
    expect(new Set(keys).size).toBe(4)
    expect(keys).toEqual(['article2025-1', 'article2025-2', 'smith2025-3', 'articlend-4'])
  })
  it('escapes LaTeX specials and keeps Chinese as UTF-8', () => {
    const [zh, specials, en] = lib.entries
    expect(zh?.fields.title).toBe('阿里巴巴公布财报：云计算收入增长13%')
    expect(bib).toContain('云计算收入增长13\\%')
    expect(specials?.fields.title).toBe('R&D spend rises 50% at $BABA {again} #1 ~ up_down ^ \\o/')
    expect(zh?.fields.journal).toBe('腾讯新闻')
    expect(zh?.fields.url).toBe(base.sourceUrl)
    expect(zh?.fields.author).toEqual([{ name: '张三' }, { name: '李四' }])
    expect(en?.fields.author).toEqual([
      { lastName: 'Smith', firstName: 'Jane' },
      { lastName: 'O’Brien', firstName: 'John' },
    ])
    expect(en?.fields.year).toBe('2025')
    expect(en?.fields.month).toBe('2')
  })
})
