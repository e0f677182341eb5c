import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { insertHighlight } from '../db/annotations'
import { LOCAL_OWNER } from '../shared/auth'
import { searchArchive } from './search'
import { forgetSearches } from './result-cache'

// A query asked again (next page, other sort) reuses its ids, facets and ranked head: the answers
// must be the ones a first search gives, and follow every change to the archive.

const doc = (i: number, body: string) =>
  `---\ntitle: "报道 ${i}"\ndate: "2025-01-${String((i % 28) + 1).padStart(2, '0')}"\n` +
  `tags: [${i % 3 === 0 ? '科技' : '经济'}]\nlang: zh-CN\n---\n\n${body}\n`

let root: string
let dir: string
let file: string
let db: Archive
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'lectern-cache-'))
  dir = join(root, 'news')
  mkdirSync(dir)
  for (let i = 0; i < 120; i++) {
    writeFileSync(join(dir, `${i}.md`), doc(i, `市场${'市场'.repeat(i % 7)}消息，第${i}篇。`))
  }
  file = join(root, 'archive.db')
  db = openArchive(file, { create: true })
  await importFolders(db, [dir])
})
afterAll(() => {
  db.close()
  rmSync(root, { recursive: true, force: true })
})

const ids = (r: { hits: { id: number }[] }) => r.hits.map((h) => h.id)

describe('asking the same search again', () => {
  it('pages and sorts as a first search would', () => {
    for (const sort of ['relevance', 'newest', 'oldest'] as const) {
      forgetSearches(db)
      const whole = searchArchive(db, { query: '市场', sort, limit: 120 })
      expect(whole.total).toBe(120)
      forgetSearches(db)
      const pages = [0, 50, 100].flatMap((offset) =>
        ids(searchArchive(db, { query: '市场', sort, limit: 50, offset })),
      )
      expect(pages).toEqual(ids(whole))
      // asked again, from what was kept
      const again = searchArchive(db, { query: '市场', sort, limit: 50, offset: 50 })
      expect(ids(again)).toEqual(ids(whole).slice(50, 100))
      expect(again.facets).toEqual(whole.facets)
    }
  })

  it('grouped by story, pages as a first search would after the ungrouped list was kept', () => {
    for (const sort of ['relevance', 'newest'] as const) {
      forgetSearches(db)
      const whole = searchArchive(db, { query: '市场', sort, limit: 120, group: true })
      const flat = searchArchive(db, { query: '市场', sort, limit: 120 })
      forgetSearches(db)
      // the ungrouped list first: its ids and ranked head are what the grouped pages use
      searchArchive(db, { query: '市场', sort, limit: 50 })
      const pages = [0, 20, 40, 60, 80, 100].map((offset) =>
        searchArchive(db, { query: '市场', sort, limit: 20, offset, group: true }),
      )
      expect(pages.flatMap(ids)).toEqual(ids(whole))
      expect(pages.every((p) => p.total === whole.total)).toBe(true)
      // facets count articles, grouped or not
      expect(pages[1]!.facets).toEqual(flat.facets)
    }
  })

  it('sees articles imported since', async () => {
    expect(searchArchive(db, { query: '市场 tag:科技' }).total).toBe(40)
    writeFileSync(join(dir, 'new.md'), doc(300, '新的市场报告。'))
    await importFolders(db, [dir])
    const r = searchArchive(db, { query: '市场 tag:科技' })
    expect(r.total).toBe(41)
    expect(r.facets?.tags).toEqual([{ name: '科技', count: 41 }])
  })

  it('sees a change made by another process', () => {
    const before = searchArchive(db, { query: '市场' }).total
    const other = new Database(file)
    other.prepare(`DELETE FROM articles_fts WHERE rowid = (SELECT max(id) FROM articles)`).run()
    other.close()
    expect(searchArchive(db, { query: '市场' }).total).toBe(before - 1)
  })

  it('counts the reader’s own marks as they are now', () => {
    expect(searchArchive(db, { query: '市场 has:highlight' }).total).toBe(0)
    const [first] = searchArchive(db, { query: '市场', limit: 1 }).hits
    insertHighlight(
      db,
      LOCAL_OWNER,
      {
        articleId: first!.id,
        quote: '市场',
        prefix: '',
        suffix: '',
        start: 0,
        end: 2,
        color: 'yellow',
        note: null,
      },
      '2026-01-01T00:00:00Z',
    )
    expect(searchArchive(db, { query: '市场 has:highlight' }).total).toBe(1)
    expect(searchArchive(db, { query: '市场' }).facets?.annotations?.highlighted).toBe(1)
  })
})
