import { describe, expect, it } from 'vitest'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { caller, serviceFixture } from '../test-support/service'
import type { Method } from '../shared/api'
import type { Caller } from '../shared/auth'

// Collections, saved searches and reading status as a reader meets them: through the
// dispatcher, over a real archive imported from files.

const open = serviceFixture()

const md = (title: string, body: string, date = '2026-07-30') =>
  `---\ntitle: ${title}\ndate: ${date}\ntags: [台风]\n---\n\n${body}\n`

async function make(files: Record<string, string>, canImport = true) {
  const made = await open(files)
  const ids = await made.importNews()
  const service = canImport
    ? made.service
    : new ArchiveService({ db: made.db, path: made.path, canImport: false })
  const call = canImport ? made.call : caller(createDispatcher(service))
  const ids$ = async (query: string, sort?: 'relevance' | 'newest' | 'oldest') =>
    (await call('search', { query, limit: 1000, ...(sort ? { sort } : {}) })).hits.map((h) => h.id)
  return { ids, call, ids$, service, tree: made.tree }
}

const NEWS = {
  'news/a.md': md('台风竹节草登陆浙江', '台风带来强降雨。'),
  'news/b.md': md('上海停课', '受台风影响，上海中小学停课。', '2026-07-31'),
  'news/c.md': md('Typhoon hits Zhejiang', 'The typhoon brought heavy rain.', '2026-08-01'),
  'news/d.md': md('股市收盘', '沪指小幅上涨。', '2026-08-02'),
}

describe('collections', () => {
  it('are named, ordered lists shown with counts and unread counts, and a search filter', async () => {
    const { ids, call, ids$ } = await make(NEWS)
    await call('createCollection', { name: ' 台风  2026 ' })
    await call('createCollection', { name: '早报' })
    const add = await call('addToCollection', {
      name: '台风 2026',
      selection: { ids: [ids['b.md']!, ids['a.md']!, ids['c.md']!, ids['b.md']!] },
    })
    expect(add).toEqual({ changed: 3 })
    // Adding again adds nothing; an article may be in many collections.
    expect(
      await call('addToCollection', { name: '台风 2026', selection: { ids: [ids['a.md']!] } }),
    ).toEqual({ changed: 0 })
    await call('addToCollection', { name: '早报', selection: { ids: [ids['a.md']!] } })
    expect(await call('collectionsOf', { articleId: ids['a.md']! })).toEqual(['台风 2026', '早报'])

    await call('setRead', { selection: { ids: [ids['a.md']!] }, read: true })
    expect(await call('listCollections')).toEqual([
      { name: '台风 2026', count: 3, unread: 2 },
      { name: '早报', count: 1, unread: 0 },
    ])

    // The collection as a filter, in the order it was given; typed with curly quotes too.
    const order = [ids['b.md'], ids['a.md'], ids['c.md']]
    expect(await ids$('collection:"台风 2026"')).toEqual(order)
    expect(await ids$('collection:“台风 2026”')).toEqual(order)
    expect(await ids$('collection:"台风 2026" 停课')).toEqual([ids['b.md']])
    expect(await ids$('collection:"台风 2026"', 'newest')).toEqual([
      ids['c.md'],
      ids['b.md'],
      ids['a.md'],
    ])
    expect(await ids$('-collection:"台风 2026"')).toEqual([ids['d.md']])
    expect(await ids$('collection:"台风 2026" is:unread')).toEqual([ids['b.md'], ids['c.md']])

    // Reordered: by index, and the filter follows.
    await call('moveInCollection', { name: '台风 2026', articleId: ids['c.md']!, to: 0 })
    expect(await ids$('collection:"台风 2026"')).toEqual([ids['c.md'], ids['b.md'], ids['a.md']])
    await call('moveInCollection', { name: '台风 2026', articleId: ids['c.md']!, to: 99 })
    expect(await ids$('collection:"台风 2026"')).toEqual([ids['b.md'], ids['a.md'], ids['c.md']])

    await call('removeFromCollection', {
      name: '台风 2026',
      selection: { ids: [ids['a.md']!] },
    })
    await call('renameCollection', { name: '台风 2026', to: '台风' })
    expect(await ids$('collection:台风')).toEqual([ids['b.md'], ids['c.md']])
    expect(await call('deleteCollection', { name: '台风' })).toEqual({
      name: '台风',
      count: 2,
      unread: 2,
    })
    expect((await call('listCollections')).map((c) => c.name)).toEqual(['早报'])
    expect(await call('stats')).toMatchObject({ articles: 4 })
  })

  it('refuse unknown and duplicate names clearly, and an unknown name in a search warns', async () => {
    const { ids, call } = await make(NEWS)
    await call('createCollection', { name: '台风 2026' })
    await expect(call('createCollection', { name: '台风 2026' })).rejects.toMatchObject({
      code: 'name-taken',
    })
    await expect(call('createCollection', { name: '   ' })).rejects.toMatchObject({
      code: 'empty-name',
    })
    await expect(
      call('addToCollection', { name: '没有', selection: { ids: [ids['a.md']!] } }),
    ).rejects.toMatchObject({ code: 'unknown-collection', message: 'No collection named "没有".' })
    await expect(
      call('addToCollection', { name: '台风 2026', selection: { ids: [424242] } }),
    ).rejects.toMatchObject({ code: 'not-found' })
    await expect(
      call('moveInCollection', { name: '台风 2026', articleId: ids['a.md']!, to: 0 }),
    ).rejects.toMatchObject({ code: 'not-in-collection' })
    const r = await call('search', { query: 'collection:没有 台风' })
    expect(r.total).toBe(0)
    expect(r.warnings).toMatchObject([{ code: 'unknown-collection', name: '没有' }])
  })

  it('are kept per reader: each caller sees only their own', async () => {
    const { ids, call, service } = await make(NEWS)
    const dispatch = createDispatcher(service)
    const alice: Caller = { owner: 'alice', role: 'reader', account: true }
    const asAlice = async (method: Method, args?: unknown) => {
      const r = await dispatch(method, args, alice)
      if (!r.ok) throw new Error(r.error.message)
      return r.value
    }
    await asAlice('createCollection', { name: '台风 2026' })
    await asAlice('addToCollection', {
      name: '台风 2026',
      selection: { ids: [ids['a.md']!] },
    })
    await asAlice('setRead', { selection: { ids: [ids['a.md']!] }, read: true })
    expect(await call('listCollections')).toEqual([])
    expect(await asAlice('listCollections')).toEqual([{ name: '台风 2026', count: 1, unread: 0 }])
    expect((await call('search', { query: 'is:read' })).total).toBe(0)
    expect(await asAlice('search', { query: 'is:read' })).toMatchObject({ total: 1 })
    // Alice's collection is no filter for the local reader.
    expect((await call('search', { query: 'collection:"台风 2026"' })).warnings).toMatchObject([
      { code: 'unknown-collection' },
    ])
  })

  it('let an article go only when the trash is emptied, and then without an error', async () => {
    const { ids, call } = await make(NEWS)
    await call('createCollection', { name: '台风 2026' })
    const both = [ids['a.md']!, ids['b.md']!]
    await call('addToCollection', { name: '台风 2026', selection: { ids: both } })
    await call('setRead', { selection: { ids: both }, read: true })
    await call('trashArticles', { ids: [ids['a.md']!] })
    await call('emptyTrash')
    expect(await call('listCollections')).toEqual([{ name: '台风 2026', count: 1, unread: 0 }])
    expect(await call('readingState', { articleId: ids['b.md']! })).toMatchObject({ read: true })
  })

  it('cannot be changed where the archive is read-only', async () => {
    const { call } = await make(NEWS, false)
    await expect(call('createCollection', { name: 'x' })).rejects.toMatchObject({
      code: 'read-only',
    })
    expect(await call('listCollections')).toEqual([])
  })
})

describe('selections', () => {
  it('"the whole result set minus these" is resolved on the server', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 3000; i++) {
      files[`news/${i}.md`] = md(`第${i}篇`, i % 3 ? `台风消息${i}。` : `股市消息${i}。`)
    }
    const { call } = await make(files)
    const all = (await call('search', { query: '台风', limit: 1 })).total
    expect(all).toBe(2000)
    // The page holds one row of the 2,000 at most; it sends the query and its exceptions.
    const except = (await call('search', { query: '台风', limit: 3 })).hits.map((h) => h.id)
    await call('createCollection', { name: '台风 2026' })
    const added = await call('addToCollection', {
      name: '台风 2026',
      selection: { query: '台风', except },
    })
    expect(added).toEqual({ changed: 1997 })
    expect(await call('setRead', { selection: { query: '台风', except: [] }, read: true })).toEqual(
      { changed: 2000 },
    )
    expect((await call('search', { query: 'is:unread', limit: 1 })).total).toBe(1000)
    expect((await call('search', { query: 'is:read 股市', limit: 1 })).total).toBe(0)
    expect(await call('listCollections')).toEqual([{ name: '台风 2026', count: 1997, unread: 0 }])
    const inIt = await call('search', { query: 'collection:"台风 2026"', limit: 1000 })
    expect(inIt.total).toBe(1997)
    expect(inIt.hits.some((h) => except.includes(h.id))).toBe(false)
    expect(inIt.hits.every((h) => h.read)).toBe(true)
    // Unread in bulk, by a query that is itself a filter on reading status.
    expect(
      await call('setRead', {
        selection: { query: 'collection:"台风 2026" is:read', except: [] },
        read: false,
      }),
    ).toEqual({ changed: 1997 })
    expect(await call('listCollections')).toEqual([
      { name: '台风 2026', count: 1997, unread: 1997 },
    ])
  }, 60_000)
})

describe('reading status', () => {
  it('is marked by hand and in bulk, remembers the place, and filters', async () => {
    const { ids, call, ids$ } = await make(NEWS)
    expect(await call('readingState', { articleId: ids['a.md']! })).toEqual({
      read: false,
      position: null,
    })
    await call('savePlace', { articleId: ids['a.md']!, position: 0.62 })
    expect(await call('readingState', { articleId: ids['a.md']! })).toEqual({
      read: false,
      position: 0.62,
    })
    expect(
      await call('setRead', { selection: { ids: [ids['a.md']!, ids['b.md']!] }, read: true }),
    ).toEqual({ changed: 2 })
    expect(await call('readingState', { articleId: ids['a.md']! })).toEqual({
      read: true,
      position: 0.62,
    })
    expect((await ids$('is:read')).sort()).toEqual([ids['a.md'], ids['b.md']].sort())
    expect((await ids$('is:unread')).sort()).toEqual([ids['c.md'], ids['d.md']].sort())
    expect(await ids$('-is:unread 停课')).toEqual([ids['b.md']])
    expect(
      await call('setRead', { selection: { ids: [ids['a.md']!, ids['c.md']!] }, read: false }),
    ).toEqual({ changed: 1 })
    expect((await ids$('is:read')).sort()).toEqual([ids['b.md']])
    await expect(
      call('savePlace', { articleId: ids['a.md']!, position: 1.5 }),
    ).rejects.toMatchObject({ code: 'bad-arguments' })
  })
})

describe('saved searches', () => {
  it('counts follow the reader’s marks, the trash and edits, asked again and again', async () => {
    const { call, ids } = await make(NEWS)
    await call('saveSearch', { name: '台风', query: '台风' })
    await call('saveSearch', { name: '未读台风', query: 'is:unread 台风' })
    const counts = async () =>
      Object.fromEntries(
        (await call('listSaved', {})).map((s) => [s.name, [s.count, s.unread]] as const),
      )
    expect(await counts()).toEqual({ 台风: [2, 2], 未读台风: [2, 2] })
    await call('setRead', { selection: { ids: [ids['b.md']!] }, read: true })
    expect(await counts()).toEqual({ 台风: [2, 1], 未读台风: [1, 1] })
    await call('trashArticles', { ids: [ids['a.md']!] })
    expect(await counts()).toEqual({ 台风: [1, 0], 未读台风: [0, 0] })
    await call('restoreArticles', { ids: [ids['a.md']!] })
    await call('editArticle', { id: ids['d.md']!, set: { title: '台风后股市收盘' } })
    expect(await counts()).toEqual({ 台风: [3, 2], 未读台风: [2, 2] })
  })

  it('count matches and what was imported since last opened', async () => {
    const { call, tree } = await make(NEWS)
    const saved = await call('saveSearch', {
      name: '台风追踪',
      query: '台风 OR typhoon',
      sort: 'newest',
    })
    expect(saved).toMatchObject({ name: '台风追踪', count: 3, new: 0, unread: 3, sort: 'newest' })

    // Three new files match, one does not; and one old file changes without becoming new.
    tree.write('news/e.md', md('台风过后', '台风离开后，交通恢复。', '2026-08-03'))
    tree.write('news/f.md', md('台风预警解除', '气象台解除台风预警。', '2026-08-04'))
    tree.write('news/g.md', md('Typhoon aftermath', 'After the typhoon, trains run.', '2026-08-04'))
    tree.write('news/h.md', md('股市开盘', '沪指低开。', '2026-08-04'))
    tree.write('news/a.md', md('台风竹节草登陆浙江', '台风带来强降雨，已更新。'))
    await new Promise((r) => setTimeout(r, 5))
    await call('importFolders', { folders: [tree.path('news')] })

    const [after] = await call('listSaved', {})
    expect(after).toMatchObject({ name: '台风追踪', query: '台风 OR typhoon', count: 6, new: 3 })
    // Opening answers what was new, and from then on nothing is.
    expect(await call('openSaved', { name: '台风追踪' })).toMatchObject({ count: 6, new: 3 })
    expect(await call('listSaved', {})).toMatchObject([{ count: 6, new: 0, unread: 6 }])
    await expect(call('openSaved', { name: '没有' })).rejects.toMatchObject({
      code: 'unknown-saved-search',
    })
    await expect(call('saveSearch', { name: '台风追踪', query: 'x' })).rejects.toMatchObject({
      code: 'name-taken',
    })
    expect(await call('deleteSaved', { name: '台风追踪' })).toMatchObject({ count: 6 })
    expect(await call('listSaved', {})).toEqual([])
  })
})
