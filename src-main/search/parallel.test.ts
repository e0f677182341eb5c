import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRequire } from 'node:module'
import { bindingOf, openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import type { SearchRequest } from '../shared/search-types'
import type { ParsedQuery } from '../shared/query'
import { IdReader } from './id-reader'
import { useExtension } from '../db/extension'
import { rankExtensionFile } from '../api/open-service'
import { halvesRead, type HalvesRead } from './id-halves'
import { editArticle } from '../keep/edit'
import { facetIndex } from './facet-index'
import { searchArchiveAsync } from './parallel'
import { forgetSearches } from './result-cache'
import { searchArchive, type SearchOptions } from './search'

// A search with its ids read by a worker thread (all of them while this one ranks, or half of
// them while this one reads the other half) must give the answer the one-thread search gives, to
// the byte: same total, order, snippets and facets.

const N = 260
let tree: ReturnType<typeof tempTree>
let db: Archive
let reader: IdReader

/** Article i: 市场 and "market" a varying number of times (so bm25 has something to rank), some
 * in the title; two outlets; dates over a year. */
function nth(i: number): string {
  const zh = '市场'.repeat((i % 7) + 1)
  const en = i % 3 === 0 ? ' market'.repeat((i % 5) + 1) : ''
  const title = i % 11 === 0 ? `市场 ${i}` : `第${i}篇`
  const day = String((i % 28) + 1).padStart(2, '0')
  const month = String((i % 12) + 1).padStart(2, '0')
  return article(
    title,
    `今天${zh}的消息${en} 编号${i}\n\n另一段 ${i % 4 === 0 ? '银行' : '科技'}`,
    `source: "${i % 2 ? '甲报' : '乙报'}"\n`,
  ).replace('2025-02-13', `2025-${month}-${day}`)
}

beforeAll(async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < N; i++) files[`news/${i}.md`] = nth(i)
  tree = tempTree(files)
  // as the service runs: both threads with Lectern's extension where it is built (ranking, and
  // ids read as binary: db/extension.ts); the plain-SQL fallbacks are what other tests run
  useExtension(rankExtensionFile())
  db = openArchive(tree.path('archive.db'), { create: true })
  await importFolders(db, [tree.path('news')])
  reader = new IdReader(db.name)
  // (from sources the worker boots through tsx: a few hundred milliseconds)
  for (let i = 0; i < 400 && !reader.ready; i++) await new Promise((ok) => setTimeout(ok, 50))
}, 60_000)

afterAll(() => {
  reader.close()
  db.close()
  tree.cleanup()
})

/** Both answers, each to a search typed for the first time. */
async function both(req: SearchRequest, opts: SearchOptions = {}) {
  forgetSearches(db)
  const one = searchArchive(db, req, opts)
  forgetSearches(db)
  const two = await searchArchiveAsync(db, req, opts, reader)
  return { one, two }
}

describe('a search with its ids read on another thread', () => {
  it('answers exactly as the search on one thread, with the ids read by the worker', async () => {
    expect(reader.ready).toBe(true)
    const before = reader.answered
    const cutBefore = reader.cut
    const cases: [SearchRequest, SearchOptions?][] = [
      [{ query: '市场', limit: 50 }],
      // only the newest 200 of the 260 hits are ranked: the cap's floor is read off the index
      [{ query: '市场', limit: 50 }, { rankCap: 200 }],
      [{ query: '市场', limit: 20, offset: 180 }, { rankCap: 200 }],
      [{ query: '市场', limit: 30, group: true }, { rankCap: 200 }],
      // a grouped page that needs more of the list than the ranked head
      [{ query: '市场', limit: 50, offset: 150, group: true }, { rankCap: 200 }],
      [{ query: 'market', limit: 50 }],
      [{ query: '银行 市场', limit: 10, offset: 5 }],
      // words left out are part of the FTS5 query (NOT), not a filter
      [{ query: '市场 -银行', limit: 20 }],
      [{ query: '市场 -银行', sort: 'newest', limit: 20 }],
      [{ query: '"今天市场"', limit: 50 }],
      [{ query: '编号7', limit: 20 }],
      [{ query: 'nothing-matches-this', limit: 20 }],
      // as in a large archive: this thread reads the older part of the ids after the page
      [{ query: '市场', limit: 50 }, { shareIdsFrom: 1 }],
      [
        { query: '市场', limit: 30, group: true },
        { rankCap: 200, shareIdsFrom: 1 },
      ],
      [{ query: 'market', limit: 50 }, { shareIdsFrom: 1 }],
      [{ query: '"今天市场"', limit: 50 }, { shareIdsFrom: 1 }],
      // date order: each thread reads half of the ids
      [{ query: '市场', sort: 'newest', limit: 50 }],
      [{ query: '市场', sort: 'oldest', limit: 20, offset: 230 }],
      [{ query: '市场', sort: 'newest', limit: 30, group: true }],
      [{ query: 'market', sort: 'oldest', limit: 50 }],
    ]
    for (const [req, opts] of cases) {
      const { one, two } = await both(req, opts)
      expect(two, JSON.stringify(req)).toEqual(one)
    }
    // every one of these went through the worker (a search that fell back would read none)
    expect(reader.answered - before).toBe(cases.length)
    // and the worker, done with the ids by then, cut some of the pages' snippets (it starts on a
    // page's as this thread does, so over twenty pages it gets to some)
    expect(reader.cut - cutBefore).toBeGreaterThan(0)
    const { one } = await both({ query: '市场', limit: 50 }, { rankCap: 200 })
    expect(one.total).toBe(N)
    expect(one.hits).toHaveLength(50)
  })

  it('answers a date-ordered page exactly, its snippets cut on both threads', async () => {
    for (const req of [
      { query: '市场', sort: 'newest' as const, limit: 40 },
      { query: 'market', sort: 'oldest' as const, limit: 10, offset: 20 },
      // one row per story (the list's default)
      { query: '市场', sort: 'newest' as const, limit: 25, group: true },
      { query: '市场', sort: 'oldest' as const, limit: 10, offset: 30, group: true },
    ]) {
      const { one, two } = await both(req)
      expect(two, JSON.stringify(req)).toEqual(one)
    }
  })

  it('takes the snippets the worker claimed from it and cuts the others itself', async () => {
    // a worker that got to the page first and claimed its second half: this thread cuts the
    // first half and shows the worker's for the rest (marked here so they can be told apart)
    const theirs = { text: '(the worker’s)', marks: [] }
    let asked = 0
    const first = {
      ready: true,
      file: db.name,
      readHalves: (r: HalvesRead) => reader.readHalves(r),
      snippets: (ids: number[], _q: ParsedQuery, claims: Int32Array) => {
        asked++
        const half = Math.ceil(ids.length / 2)
        for (let k = half; k < ids.length; k++) Atomics.store(claims, k, 2)
        return Promise.resolve(ids.map((_, k) => (k >= half ? theirs : null)))
      },
    } as unknown as IdReader
    for (const req of [
      { query: '市场', limit: 30 },
      { query: '市场', sort: 'newest' as const, limit: 30 },
    ]) {
      forgetSearches(db)
      const r = await searchArchiveAsync(db, req, {}, first)
      forgetSearches(db)
      const one = searchArchive(db, req)
      expect(r.hits.map((h) => h.id)).toEqual(one.hits.map((h) => h.id))
      expect(r.hits.slice(0, 15)).toEqual(one.hits.slice(0, 15))
      expect(r.hits.slice(15).map((h) => h.snippet)).toEqual(Array(15).fill(theirs))
      expect(r.total).toBe(one.total)
    }
    expect(asked).toBe(2)
    // (kept: a search typed again answers from the kept ids, cutting its snippets anew)
    forgetSearches(db)
  })

  it('leaves filters and pages past the ranked head to the one-thread search', async () => {
    const before = reader.answered
    for (const req of [
      { query: '市场 source:甲报', limit: 20 },
      { query: '市场 source:甲报', sort: 'newest' as const, limit: 20 },
      { query: '市场', limit: 20, offset: 195 },
      { query: '', limit: 20 },
    ]) {
      const { one, two } = await both(req)
      expect(two, JSON.stringify(req)).toEqual(one)
    }
    expect(reader.answered).toBe(before)
  })

  it('never takes ids from a worker reading another archive file', async () => {
    const other = {
      ready: true,
      file: '/elsewhere/archive.db',
      // that archive's ids: one article
      readHalves: () => Promise.resolve(Int32Array.of(1)),
    } as unknown as IdReader
    forgetSearches(db)
    const r = await searchArchiveAsync(db, { query: '市场', limit: 50 }, {}, other)
    expect(r.total).toBe(N)
  })

  it('opens the archive in the worker with the binary this thread opened it with', async () => {
    // (Electron's build of better-sqlite3 is another file: see db/native.ts)
    const binary = createRequire(import.meta.url).resolve(
      'better-sqlite3/build/Release/better_sqlite3.node',
    )
    const again = openArchive(db.name, { readonly: true, nativeBinding: binary })
    expect(bindingOf(again)).toBe(binary)
    const readers = [new IdReader(db.name, binary), new IdReader(db.name, '/nowhere/sqlite.node')]
    try {
      for (let i = 0; i < 400 && !readers.every((r) => r.ready); i++) {
        await new Promise((ok) => setTimeout(ok, 50))
      }
      const read = () => halvesRead('"市 场"', N, 0.5)
      expect((await readers[0]!.readHalves(read())).length).toBe(N)
      await expect(readers[1]!.readHalves(read())).rejects.toThrow()
    } finally {
      readers.forEach((r) => r.close())
      again.close()
    }
  })

  it('reads its ids itself when the worker fails', async () => {
    const failing = {
      ready: true,
      file: db.name,
      readHalves: () => Promise.reject(new Error('worker gone')),
      snippets: () => Promise.reject(new Error('worker gone')),
    } as unknown as IdReader
    forgetSearches(db)
    const two = await searchArchiveAsync(db, { query: '市场', limit: 50 }, {}, failing)
    forgetSearches(db)
    expect(two).toEqual(searchArchive(db, { query: '市场', limit: 50 }))
    expect(two.total).toBe(N)
  })

  it('cuts every snippet itself when the worker fails to', async () => {
    const failing = {
      ready: true,
      file: db.name,
      readHalves: (r: HalvesRead) => reader.readHalves(r),
      snippets: () => Promise.reject(new Error('worker gone')),
    } as unknown as IdReader
    forgetSearches(db)
    const two = await searchArchiveAsync(db, { query: '市场', limit: 50 }, {}, failing)
    forgetSearches(db)
    const one = searchArchive(db, { query: '市场', limit: 50 })
    expect(two).toEqual(one)
    expect(two.hits.every((h) => h.snippet.marks.length > 0)).toBe(true)
  })

  it('counts an article imported while the worker was reading', async () => {
    // the worker's ids are from before the import; the answer must not be built from them
    const late = {
      ready: true,
      file: db.name,
      readHalves: async (r: HalvesRead) => {
        const ids = await reader.readHalves(r)
        tree.write('late/1.md', nth(1000))
        await importFolders(db, [tree.path('late')])
        return ids
      },
      snippets: (ids: number[], q: ParsedQuery, claims: Int32Array) =>
        reader.snippets(ids, q, claims),
    } as unknown as IdReader
    forgetSearches(db)
    const r = await searchArchiveAsync(db, { query: '市场', limit: 50 }, {}, late)
    expect(r.total).toBe(N + 1)
    forgetSearches(db)
    expect(r).toEqual(searchArchive(db, { query: '市场', limit: 50 }))
  })

  it('never shows a page cut before the archive changed', async () => {
    // the page's first title edited while the worker cuts its snippets (in date order): a page
    // made before the edit would show the old title
    const req = { query: '市场', sort: 'newest' as const, limit: 20 }
    // (the date order comes off the facet index: built again after the import above)
    facetIndex(db)
    forgetSearches(db)
    const first = searchArchive(db, req).hits[0]!.id
    const meanwhile = {
      ready: true,
      file: db.name,
      readHalves: (r: HalvesRead) => reader.readHalves(r),
      snippets: (ids: number[], q: ParsedQuery, claims: Int32Array) => {
        const cut = reader.snippets(ids, q, claims)
        editArticle(db, first, { set: { title: '改过的标题' } })
        return cut
      },
    } as unknown as IdReader
    forgetSearches(db)
    const r = await searchArchiveAsync(db, req, {}, meanwhile)
    forgetSearches(db)
    expect(r).toEqual(searchArchive(db, req))
    expect(r.hits[0]).toMatchObject({ id: first, title: '改过的标题' })
  })
})
