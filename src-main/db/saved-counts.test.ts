import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from './open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { countImportedAfter } from './saved-searches'
import { countUnread, setRead } from './reading'
import { idsIn } from './id-list'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

// A saved search's "+N new" and unread counts. Many hits take another way than a few (walked
// beside the recent and the read articles, not looked up one by one): both must count alike.
describe('saved search counts', () => {
  it('count the new and the unread of a few hits and of many alike', async () => {
    tree = tempTree(
      Object.fromEntries(
        Array.from({ length: 6 }, (_, i) => [`n/${i}.md`, article(`台风 ${i}`, `台风第${i}天`)]),
      ),
    )
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.path('n')])
    const ids = r.files.map((f) => f.id!).sort((a, b) => a - b)
    // the first three were imported long ago; the reader has read two of the six
    const old = db.prepare(`UPDATE articles SET imported_at = '2020-01-01T00:00:00Z' WHERE id = ?`)
    for (const id of ids.slice(0, 3)) old.run(id)
    setRead(db, 'local', [ids[1]!, ids[4]!], true, '2026-01-01T00:00:00Z')
    setRead(db, 'bob', [ids[0]!], true, '2026-01-01T00:00:00Z')
    const moment = '2021-01-01T00:00:00Z'
    // many hits: the six, and thousands of ids of articles since deleted (never new or read)
    const gone = Array.from({ length: 6000 }, (_, i) => ids[5]! + 1000 + i)
    for (const hits of [ids, [...gone, ...ids]]) {
      expect(countImportedAfter(db, hits, moment)).toBe(3)
      expect(countUnread(db, 'local', hits)).toBe(hits.length - 2)
      expect(countUnread(db, 'bob', hits)).toBe(hits.length - 1)
      // in any order
      const shuffled = [...hits].reverse()
      expect(countImportedAfter(db, shuffled, moment)).toBe(3)
      expect(countUnread(db, 'local', shuffled)).toBe(hits.length - 2)
    }
    expect(countImportedAfter(db, [...gone, ...ids], '2030-01-01T00:00:00Z')).toBe(0)
  })

  it('idsIn keeps each of the ids found in the set (or not), repeats each time', () => {
    const set = Int32Array.from([2, 5, 9, 40])
    expect(idsIn([1, 2, 2, 3, 9, 41], set).length).toBe(3)
    expect(idsIn([], set).length).toBe(0)
    expect(idsIn([5], new Int32Array(0)).length).toBe(0)
    expect([...idsIn([1, 2, 2, 3, 9, 41], set)]).toEqual([2, 2, 9])
    expect([...idsIn([1, 2, 2, 3, 9, 41], set, false)]).toEqual([1, 3, 41])
  })
})
