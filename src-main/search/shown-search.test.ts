import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { listLabels } from '../db/labels'
import { archiveStats } from '../db/stats'
import { trashArticles } from '../db/trash'
import { undoLast } from '../db/undo'
import { importFolders } from '../import/importer'
import { bulkEdit, editArticle } from '../keep/edit'
import { article, tempTree } from '../test-support/tmp'
import { searchArchive } from './search'

// Search sees the articles as the user shows them: edited titles, dates, labels, languages and
// sources are what the full-text index, the filters, the sort and the facets see; the trash is
// left out of everything but the Trash view.

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

async function archive() {
  tree = tempTree({
    'archive/.keep': '',
    'news/a.md': article('降息消息', '央行宣布降息'),
    'news/b.md': article('科技新闻', '芯片出口'),
    'news/c.md': article('体育新闻', '足球比赛'),
  })
  db = openArchive(tree.path('archive/a.db'), { create: true })
  const r = await importFolders(db, [tree.path('news')])
  const id = (p: string) => r.files.find((f) => f.path === p)!.id!
  return { a: id('a.md'), b: id('b.md'), c: id('c.md') }
}
const ids = (query: string, sort?: 'newest' | 'oldest') =>
  searchArchive(db, { query, limit: 50, ...(sort ? { sort } : {}) }).hits.map((h) => h.id)

describe('search over the articles as shown', () => {
  it('finds an edited title, and no longer the imported one; undo takes it back', async () => {
    const { b } = await archive()
    editArticle(db, b, { set: { title: '半导体出口管制' } })
    expect(ids('title:半导体')).toEqual([b])
    expect(ids('title:科技')).toEqual([])
    expect(searchArchive(db, { query: '半导体' }).hits[0]?.title).toBe('半导体出口管制')
    undoLast(db)
    expect(ids('title:科技')).toEqual([b])
    expect(ids('title:半导体')).toEqual([])
  })

  it('filters, sorts and counts by edited tags, dates, languages and sources', async () => {
    const { a, b, c } = await archive()
    bulkEdit(db, [a, c], { addTags: ['要闻'], set: { sourceName: '新华社' } })
    editArticle(db, b, { set: { date: '2020-01-02', lang: 'en' }, removeTags: ['test'] })
    expect(ids('tag:要闻').sort()).toEqual([a, c].sort())
    expect(ids('tag:test')).not.toContain(b)
    expect(ids('source:新华社').sort()).toEqual([a, c].sort())
    expect(ids('before:2021')).toEqual([b])
    expect(ids('lang:en')).toEqual([b])
    expect(ids('', 'oldest')[0]).toBe(b)
    expect(ids('', 'newest').at(-1)).toBe(b)
    const facets = searchArchive(db, { query: '' }).facets!
    expect(facets.tags).toContainEqual({ name: '要闻', count: 2 })
    expect(facets.sources).toContainEqual({ name: '新华社', count: 2 })
    expect(facets.years).toContainEqual({ name: '2020', count: 1 })
    expect(listLabels(db, 'tag')).toContainEqual({ name: '要闻', count: 2 })
    expect(archiveStats(db).oldest).toBe('2020-01-02')
  })

  it('leaves trashed articles out of search, facets, labels and stats', async () => {
    const { a, b, c } = await archive()
    trashArticles(db, [a], new Date().toISOString())
    expect(ids('降息')).toEqual([])
    expect(ids('').sort()).toEqual([b, c].sort())
    expect(ids('tag:test').sort()).toEqual([b, c].sort())
    expect(searchArchive(db, { query: '' }).facets!.tags).toEqual([{ name: 'test', count: 2 }])
    expect(listLabels(db, 'tag')).toEqual([{ name: 'test', count: 2 }])
    expect(archiveStats(db).articles).toBe(2)
    undoLast(db)
    expect(ids('降息')).toEqual([a])
  })
})
