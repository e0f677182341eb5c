import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { searchArchive } from './search'
import { facetIndex, readyFacetIndex } from './facet-index'
import { tempTree } from '../test-support/tmp'
import type { SearchRequest } from '../shared/search-types'

// The first list after start is answered by SQL, later ones off the in-memory date order: a
// reader must see the same list, the same total and the same facets either way.

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

function doc(title: string, date: string | null, tag: string): string {
  return `---\ntitle: "${title}"\n${date ? `date: "${date}"\n` : ''}tags:\n  - "${tag}"\nlang: "en"\n---\n\nmarket ${title}\n`
}

async function archive(): Promise<Archive> {
  const files: Record<string, string> = {}
  // Same dates twice and undated ones, so ties and the undated tail are both exercised.
  const dates = ['2021-05-01', null, '2023-01-09', '2021-05-01', null, '2019-12-31', '2023-01-09']
  dates.forEach((d, i) => (files[`${i}.md`] = doc(`Doc ${i}`, d, i % 2 ? 'odd' : 'even')))
  tree = tempTree(files)
  db = openArchive(':memory:')
  await importFolders(db, [tree.path('.')])
  return db
}

const titles = (db: Archive, req: SearchRequest) => searchArchive(db, req).hits.map((h) => h.title)

describe('date order', () => {
  it('lists the archive the same before and after the facet index exists', async () => {
    const db = await archive()
    const reqs: SearchRequest[] = []
    for (const sort of ['newest', 'oldest'] as const)
      for (const [offset, limit] of [
        [0, 50],
        [0, 3],
        [2, 3],
        [5, 10],
      ] as const)
        reqs.push({ query: '', sort, offset, limit })
    expect(readyFacetIndex(db)).toBeNull()
    const before = reqs.map((r) => searchArchive(db, r))
    facetIndex(db)
    const after = reqs.map((r) => searchArchive(db, r))
    expect(after).toEqual(before)
    expect(before[0]?.total).toBe(7)
    expect(before[0]?.facets?.tags).toEqual([
      { name: 'even', count: 4 },
      { name: 'odd', count: 3 },
    ])
    expect(before[0]?.hits.map((h) => h.date?.slice(0, 10) ?? null)).toEqual([
      '2023-01-09',
      '2023-01-09',
      '2021-05-01',
      '2021-05-01',
      '2019-12-31',
      null,
      null,
    ])
  })

  it('pages the hits of a word in the order SQL would give', async () => {
    const db = await archive()
    const all = db
      .prepare(`SELECT title FROM articles ORDER BY date IS NULL, date ASC, id ASC`)
      .pluck()
      .all()
    expect(titles(db, { query: 'market', sort: 'oldest', limit: 50 })).toEqual(all)
    expect(titles(db, { query: 'market', sort: 'oldest', offset: 4, limit: 2 })).toEqual(
      all.slice(4, 6),
    )
    const newest = db
      .prepare(`SELECT title FROM articles ORDER BY date DESC, id DESC`)
      .pluck()
      .all()
    expect(titles(db, { query: 'market', sort: 'newest', limit: 50 })).toEqual(newest)
    expect(titles(db, { query: 'market odd', sort: 'newest', limit: 50 })).toEqual([])
    expect(titles(db, { query: 'tag:odd', sort: 'newest', limit: 2 })).toEqual(
      newest.filter((t) => Number(String(t).slice(4)) % 2 === 1).slice(0, 2),
    )
  })
})

describe('ranking a very common word', () => {
  it('ranks the newest hits and lists every other hit once after them, newest first', async () => {
    const db = await archive()
    const ids = (r: ReturnType<typeof searchArchive>) => r.hits.map((h) => h.id)
    const full = searchArchive(db, { query: 'market', limit: 50 }, { rankCap: 3 })
    expect(full.total).toBe(7)
    const all = ids(full)
    expect([...all].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7])
    // The three newest imports are the ranked ones, the rest follow by id, newest first.
    expect([...all.slice(0, 3)].sort((a, b) => a - b)).toEqual([5, 6, 7])
    expect(all.slice(3)).toEqual([4, 3, 2, 1])
    const paged: number[] = []
    for (let offset = 0; offset < 7; offset += 2)
      paged.push(...ids(searchArchive(db, { query: 'market', offset, limit: 2 }, { rankCap: 3 })))
    expect(paged).toEqual(all)
    // Below the cap, relevance is bm25 over every hit, as before.
    const uncapped = ids(searchArchive(db, { query: 'market', limit: 50 }))
    expect([...uncapped].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })
})

describe('the first searches after start', () => {
  it('answer without facets rather than wait for the facet index, with the same hits', async () => {
    const db = await archive()
    const reqs: SearchRequest[] = [
      { query: 'market', sort: 'newest', offset: 1, limit: 4 },
      { query: 'market', sort: 'oldest', limit: 50 },
      { query: 'tag:odd', sort: 'oldest', limit: 2 },
      { query: 'market', limit: 3 },
    ]
    const early = reqs.map((r) => searchArchive(db, r, { waitForFacets: false }))
    expect(readyFacetIndex(db)).toBeNull()
    expect(early.every((r) => r.facets === undefined)).toBe(true)
    const later = reqs.map((r) => searchArchive(db, r))
    expect(later.every((r) => r.facets !== undefined)).toBe(true)
    expect(early.map((r) => [r.total, r.hits])).toEqual(later.map((r) => [r.total, r.hits]))
  })
})
