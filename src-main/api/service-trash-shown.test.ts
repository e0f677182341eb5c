import { describe, expect, it } from 'vitest'
import { utimesSync } from 'node:fs'
import { serviceFixture } from '../test-support/service'
import { RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'

// A trashed article is gone from everything a reader counts or finds: search, facets, stats,
// collections' and saved searches' counts, the reader's marks, story clusters. Only the Trash
// view lists it; a restore brings it back everywhere, in its old place.

const open = serviceFixture()

const md = (title: string, body: string, date: string, tags: string) =>
  `---\ntitle: "${title}"\ndate: "${date}"\ntags: [${tags}]\n---\n\n${body}\n`

async function make() {
  const { call, importNews, tree } = await open({
    'news/zh.md': md('央行降息', RATE_CUT_ZH, '2025-03-02 10:00:00', '央行'),
    'news/tw.md': md('央行降息（台）', RATE_CUT_ZH_TW, '2025-03-01 09:00:00', '央行'),
    'news/other.md': md('足球比赛', '主队二比一获胜。', '2025-03-03 08:00:00', '体育'),
  })
  const ids = await importNews()
  return { id: { zh: ids['zh.md']!, tw: ids['tw.md']!, other: ids['other.md']! }, call, tree }
}

describe('a trashed article', () => {
  it('is counted and found nowhere but the Trash view, and comes back whole', async () => {
    const { id, call, tree } = await make()
    await call('createCollection', { name: '降息' })
    await call('addToCollection', { name: '降息', selection: { ids: [id.tw, id.zh] } })
    await call('saveSearch', { name: '央行', query: 'tag:央行' })
    await call('addHighlight', { articleId: id.tw, quote: '降息', note: '台湾的说法' })
    await call('setRead', { selection: { ids: [id.zh] }, read: true })
    expect((await call('clusters', {})).clusters.map((c) => c.articles)).toEqual([
      [id.tw, id.zh].sort((a, b) => a - b),
    ])

    await call('trashArticles', { ids: [id.tw] })

    const all = await call('search', { query: '' })
    expect(all.hits.map((h) => h.id).sort()).toEqual([id.zh, id.other].sort())
    expect(all.total).toBe(2)
    expect(all.facets?.tags).toContainEqual({ name: '央行', count: 1 })
    expect(all.facets?.annotations).toEqual({ highlighted: 0, noted: 0 })
    expect((await call('search', { query: '降息' })).hits.map((h) => h.id)).toEqual([id.zh])
    expect((await call('search', { query: 'has:highlight' })).total).toBe(0)
    expect((await call('stats')).articles).toBe(2)
    expect(await call('tags')).toContainEqual({ name: '央行', count: 1 })
    expect(await call('listCollections')).toEqual([{ name: '降息', count: 1, unread: 0 }])
    expect((await call('search', { query: 'collection:降息' })).hits.map((h) => h.id)).toEqual([
      id.zh,
    ])
    expect(await call('listSaved', {})).toMatchObject([{ name: '央行', count: 1, unread: 0 }])
    expect(await call('annotations', {})).toEqual([])
    // no longer a version of its story: the story is one article now
    expect((await call('clusters', {})).clusters).toEqual([])
    expect((await call('versions', { articleId: id.zh })).versions.map((v) => v.id)).toEqual([
      id.zh,
    ])
    expect((await call('trashList', { offset: 0, limit: 50 })).articles.map((t) => t.id)).toEqual([
      id.tw,
    ])

    // Its file imported again does not bring it back.
    tree.write('news/tw.md', md('央行降息（台）', RATE_CUT_ZH_TW, '2025-03-01 09:00:00', '央行'))
    utimesSync(tree.path('news/tw.md'), new Date(), new Date(Date.now() + 5000))
    const again = await call('importFolders', { folders: [tree.path('news')] })
    expect(again.files.find((f) => f.path === 'tw.md')).toMatchObject({
      status: 'skipped',
      error: { code: 'in-trash' },
    })
    expect((await call('search', { query: '' })).total).toBe(2)

    await call('restoreArticles', { ids: [id.tw] })
    expect((await call('search', { query: '' })).total).toBe(3)
    expect(await call('listCollections')).toEqual([{ name: '降息', count: 2, unread: 1 }])
    expect(
      (await call('search', { query: 'collection:降息' })).hits.map((h) => h.id),
      'the collection keeps its order',
    ).toEqual([id.tw, id.zh])
    expect((await call('annotations', {})).map((a) => a.articleId)).toEqual([id.tw])
    expect((await call('clusters', {})).clusters).toHaveLength(1)
  })
})
