import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { searchArchive } from './search'
import type { SearchHit } from '../shared/search-types'
import { tempTree } from '../test-support/tmp'

const doc = (o: {
  title: string
  date?: string
  tags?: string[]
  lang?: string
  body: string
  src?: string
}) =>
  `---\ntitle: "${o.title}"\n${o.date ? `date: "${o.date}"\n` : ''}tags: [${(o.tags ?? []).join(', ')}]\n` +
  `lang: ${o.lang ?? 'zh-CN'}\n---\n\n${o.body}\n\n${o.src ?? ''}\n`

const FILES = {
  'a.md': doc({
    title: '阿里巴巴发布财报',
    date: '2025-02-13 10:00:00',
    tags: ['科技', '财报'],
    body: '阿里巴巴集团今天发布季度财报。',
    src: '[qq](https://new.qq.com/a/1)',
  }),
  'b.md': doc({
    title: '云计算市场',
    date: '2024-06-01 08:00:00',
    tags: ['科技'],
    body: '阿里云在云计算市场份额领先，腾讯云紧随其后。',
    src: '[sina](https://finance.sina.com.cn/b)',
  }),
  'c.md': doc({
    title: '央行宣布降息',
    date: '2026-01-05 09:00:00',
    tags: ['经济'],
    body: '中国的文化与经济。央行降息二十五个基点。',
  }),
  'd.md': doc({
    title: 'Elections ahead',
    date: '2023-11-02 12:00:00',
    tags: ['politics'],
    lang: 'en',
    body: 'The election campaign opened at the Café Central. Turnout & trust < 5%.',
    src: '[AP](https://apnews.com/x)',
  }),
  'e.md': doc({
    title: '臺灣蘋果新機',
    date: '2025-09-09 09:09:09',
    tags: ['科技'],
    lang: 'zh-TW',
    body: '蘋果公司發布AI新功能，臺灣市場反應熱烈。',
  }),
  'f.md': doc({
    title: 'Undated note',
    tags: [],
    lang: 'en',
    body: 'Notes about market rates and technology.',
  }),
}

let db: Archive
let tree: ReturnType<typeof tempTree>
const ids: Record<string, number> = {}
beforeAll(async () => {
  tree = tempTree(FILES)
  db = openArchive(':memory:')
  const r = await importFolders(db, [tree.dir])
  for (const f of r.files) ids[f.path] = f.id as number
})
afterAll(() => {
  db.close()
  tree.cleanup()
})

const titles = (query: string, sort?: 'relevance' | 'newest' | 'oldest') =>
  searchArchive(db, { query, ...(sort ? { sort } : {}) }).hits.map((h) => h.title)
const files = (query: string) => {
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]))
  return searchArchive(db, { query })
    .hits.map((h) => byId[h.id])
    .sort()
}

describe('searching the archive', () => {
  it.each([
    ['阿里', ['a.md', 'b.md']],
    ['降', ['c.md']],
    ['中文', []],
    ['国中', []],
    ['苹果AI', []], // not adjacent here: 蘋果公司發布AI
    ['苹果 AI', ['e.md']],
    ['台湾', ['e.md']],
    ['cafe', ['d.md']],
    ['elections', ['d.md']],
    ['"election campaign"', ['d.md']],
    ['"campaign election"', []],
    ['阿里 -财报', ['b.md']],
    ['腾讯 OR 降息', ['b.md', 'c.md']],
    ['title:阿里', ['a.md']],
    ['tag:科技', ['a.md', 'b.md', 'e.md']],
    ['tag:科技 -tag:财报', ['b.md', 'e.md']],
    ['lang:zh', ['a.md', 'b.md', 'c.md', 'e.md']],
    ['lang:en', ['d.md', 'f.md']],
    ['source:qq', ['a.md']],
    ['source:sina.com.cn', ['b.md']],
    ['source:apnews.com', ['d.md']],
    ['after:2025', ['a.md', 'c.md', 'e.md']],
    ['before:2025-02-13', ['b.md', 'd.md']],
    ['after:2025-02 before:2025-03', ['a.md']],
    ['market', ['f.md']],
  ])('%s → %j', (query, expected) => {
    expect(files(query)).toEqual(expected)
  })

  it('ranks title matches above body matches', () => {
    expect(titles('阿里')[0]).toBe('阿里巴巴发布财报')
    expect(titles('市场')[0]).toBe('云计算市场')
  })

  it('sorts newest and oldest first, undated last', () => {
    expect(titles('lang:zh', 'newest')).toEqual([
      '央行宣布降息',
      '臺灣蘋果新機',
      '阿里巴巴发布财报',
      '云计算市场',
    ])
    expect(titles('lang:zh', 'oldest')).toEqual([
      '云计算市场',
      '阿里巴巴发布财报',
      '臺灣蘋果新機',
      '央行宣布降息',
    ])
    expect(titles('').at(-1)).toBe('Undated note')
  })

  it('lists everything newest first for an empty query, with a total and paging', () => {
    const all = searchArchive(db, { query: '' })
    expect(all.total).toBe(6)
    expect(all.hits[0]?.title).toBe('央行宣布降息')
    const page2 = searchArchive(db, { query: '', limit: 2, offset: 2 })
    expect(page2.total).toBe(6)
    expect(page2.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id))
  })

  it('marks matches in snippets in the original characters, as ranges over plain text', () => {
    const marked = (s: SearchHit['snippet']) => s.marks.map(([a, b]) => s.text.slice(a, b))
    const [hit] = searchArchive(db, { query: '台湾' }).hits
    expect(marked(hit!.snippet)).toEqual(['臺灣'])
    const [en] = searchArchive(db, { query: 'turnout' }).hits
    expect(en?.snippet.text).toContain('Turnout & trust < 5%')
    expect(marked(en!.snippet)).toEqual(['Turnout'])
  })

  it('counts facets over the whole result set', () => {
    const r = searchArchive(db, { query: 'lang:zh', limit: 1 })
    expect(r.facets?.tags).toEqual([
      { name: '科技', count: 3 },
      { name: '经济', count: 1 },
      { name: '财报', count: 1 },
    ])
    expect(r.facets?.languages).toEqual([
      { name: 'zh-CN', count: 3 },
      { name: 'zh-TW', count: 1 },
    ])
    expect(r.facets?.years.map((y) => y.name).sort()).toEqual(['2024', '2025', '2026'])
    expect(r.facets?.sources).toEqual(
      expect.arrayContaining([
        { name: 'qq', count: 1 },
        { name: 'sina', count: 1 },
      ]),
    )
  })

  it.each(['"', '(', '*', ':', 'AND', 'NEAR(a b)', '-', '!!!', '😀', 'a"b', '^', 'title:', 'tag:'])(
    'answers %j with results or a message, never an error thrown',
    (query) => {
      const r = searchArchive(db, { query })
      expect(
        r.hits.length === 0 ? r.error !== undefined || r.total === 0 || r.warnings : true,
      ).toBeTruthy()
    },
  )

  it.each(['!!!', '（）', '()', '"" ——', '-'])('says by a code why %j finds nothing', (query) => {
    expect(searchArchive(db, { query })).toMatchObject({
      total: 0,
      hits: [],
      error: { code: 'unsearchable-query' },
    })
  })

  it('reports ignored parts of the query', () => {
    const r = searchArchive(db, { query: '阿里 before:abc' })
    expect(r.total).toBe(2)
    expect(r.warnings).toEqual([
      { code: 'bad-date', field: 'before', value: 'abc', span: { start: 3, end: 13 } },
    ])
  })
})
