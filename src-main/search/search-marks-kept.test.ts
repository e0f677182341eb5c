import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { searchArchive } from './search'
import { tempTree } from '../test-support/tmp'
import { setRead } from '../db/reading'
import { addItems, collectionId, createCollection, removeItems } from '../db/collections'

// A search that reads the reader's marks (collection:, is:, has:, note:) keeps its hits between
// pages only until anything is written: the next search after a mark changed sees the change.

const doc = (title: string, body: string) =>
  `---\ntitle: "${title}"\ndate: "2025-03-01"\n---\n\n${body}\n`
const FILES = Object.fromEntries(
  Array.from({ length: 6 }, (_, i) => [`${i}.md`, doc(`港口 ${i}`, `港口第${i}篇。`)]),
)

let db: Archive
let tree: ReturnType<typeof tempTree>
let all: number[]
const NOW = '2025-04-01T00:00:00Z'

beforeAll(async () => {
  tree = tempTree(FILES)
  db = openArchive(':memory:')
  await importFolders(db, [tree.dir])
  all = (db.prepare(`SELECT id FROM articles ORDER BY id`).pluck().all() as number[]).slice()
})
afterAll(() => {
  db.close()
  tree.cleanup()
})

const found = (query: string, owner = 'ana', offset = 0) =>
  searchArchive(db, { query, sort: 'oldest', limit: 2, offset }, { owner })

describe("searches of the reader's marks, page after page", () => {
  it('follow a collection as it changes, between pages and between searches', () => {
    createCollection(db, 'ana', 'harbour', NOW)
    const c = collectionId(db, 'ana', 'harbour')!
    addItems(db, c, all.slice(0, 3), NOW)
    const first = found('港口 collection:harbour')
    expect(first.total).toBe(3)
    // the next page of the same search, nothing written between: the same hits
    expect(found('港口 collection:harbour', 'ana', 2).hits.map((h) => h.id)).toEqual([all[2]])
    addItems(db, c, [all[5]!], NOW)
    expect(found('港口 collection:harbour').total).toBe(4)
    expect(found('港口 collection:harbour', 'ana', 2).hits.map((h) => h.id)).toEqual([
      all[2],
      all[5],
    ])
    removeItems(db, c, [all[0]!])
    expect(found('港口 collection:harbour').hits.map((h) => h.id)).toEqual([all[1], all[2]])
    // another reader's collection of that name is not ana's
    expect(found('港口 collection:harbour', 'bo').total).toBe(0)
  })

  it('follow what is read', () => {
    expect(found('港口 is:unread').total).toBe(6)
    setRead(db, 'ana', [all[1]!], true, NOW)
    expect(found('港口 is:unread').total).toBe(5)
    expect(found('港口 is:read').hits.map((h) => h.id)).toEqual([all[1]])
    setRead(db, 'ana', [all[1]!], false, NOW)
    expect(found('港口 is:unread').total).toBe(6)
    expect(found('港口 is:unread', 'bo').total).toBe(6)
  })
})
