import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../db/open'
import { searchArchive } from './search'
import { importedTree } from '../test-support/imported'
import { CHIPS_EN, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'
import { trashArticles } from '../db/trash'
import { putEdit } from '../db/edits'
import { touch } from '../db/generation'
import { readyFacetIndex } from './facet-index'
import type { SearchRequest, SearchSort } from '../shared/search-types'

// The whole archive's list before the facet index exists (what the app shows first, while the
// index is built in a worker) comes off the date index: it must be the list the index gives.

const doc = (title: string, date: string | null, body: string) =>
  `---\ntitle: "${title}"\n${date ? `date: "${date}"\n` : ''}tags: [经济]\n---\n\n${body}\n`

const FILES = {
  // one story in three versions (a reprint, a Traditional one) and others standing alone
  '1.md': doc('央行降息', '2025-03-01 09:00:00', RATE_CUT_ZH),
  '2.md': doc('央行再降息', '2025-03-01 12:00:00', RATE_CUT_ZH),
  '3.md': doc('央行宣布降息', '2025-03-02 08:00:00', RATE_CUT_ZH_TW),
  '4.md': doc('芯片', '2025-03-03 08:00:00', CHIPS_EN),
  '5.md': doc('没有日期', null, '一篇没有日期的文章，讲的是港口。'),
  '6.md': doc('同一天', '2025-03-01 09:00:00', '同一时刻发布的另一篇，讲的是铁路。'),
  '7.md': doc('最早', '2024-12-31 23:00:00', '去年最后一篇，讲的是天气。'),
}

let db: Archive
let id: (file: string) => number
let close: () => void
beforeAll(async () => {
  ;({ db, id, close } = await importedTree(FILES))
})
afterAll(() => close())

const SORTS: SearchSort[] = ['relevance', 'newest', 'oldest']

/** Every page of every order, grouped and not, as the service answers before the index (first)
 * and as the index gives it (then): the same rows and totals. */
function expectSameLists(): void {
  for (const sort of SORTS) {
    for (const group of [false, true]) {
      for (const [offset, limit] of [
        [0, 20],
        [0, 2],
        [2, 2],
        [5, 3],
      ] as const) {
        const req: SearchRequest = { query: '', sort, group, offset, limit }
        expect(readyFacetIndex(db)).toBeNull()
        const first = searchArchive(db, req, { waitForFacets: false })
        expect(first.facetsPending).toBe(true)
        const then = searchArchive(db, req)
        expect(then.facetsPending).toBeUndefined()
        const rows = (r: typeof first) => r.hits.map((h) => [h.title, h.date, h.versions])
        expect(rows(first), `${sort} ${group ? 'grouped' : ''} ${offset}`).toEqual(rows(then))
        expect(first.total).toBe(then.total)
        touch(db) // the index goes stale: the next list is a first list again
      }
    }
  }
}

describe("the whole archive's first list", () => {
  it('is the indexed list: newest, oldest, undated last, ties by import, grouped by story', () => {
    expectSameLists()
    const r = searchArchive(
      db,
      { query: '', sort: 'newest', group: true },
      { waitForFacets: false },
    )
    expect(r.hits.map((h) => h.title)).toEqual([
      '芯片',
      '央行宣布降息',
      '同一天',
      '最早',
      '没有日期',
    ])
    expect(r.total).toBe(5)
    touch(db)
  })

  it('leaves out the trash, and a story whose first version is trashed is still one story', () => {
    // a later version trashed: its story is still there, counted once
    trashArticles(db, [id('2.md')], new Date().toISOString())
    expectSameLists()
    trashArticles(db, [id('1.md'), id('7.md')], new Date().toISOString())
    expectSameLists()
    const r = searchArchive(db, { query: '', group: true }, { waitForFacets: false })
    expect(r.total).toBe(4)
    expect(r.hits.map((h) => h.title)).not.toContain('最早')
    touch(db)
  })

  it('orders by the dates as edited', () => {
    putEdit(db, id('5.md'), 'date', '2026-01-01 00:00:00', new Date().toISOString())
    touch(db)
    expectSameLists()
    const r = searchArchive(db, { query: '', sort: 'newest' }, { waitForFacets: false })
    expect(r.hits[0]?.title).toBe('没有日期')
  })
})
