import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importedTree, type ImportedTree } from '../test-support/imported'
import { article } from '../test-support/tmp'
import { rankExtensionFile } from '../api/open-service'
import { openArchive } from './open'
import { hasExtension } from './extension'
import { matchedBetween, readIds } from './id-list'

// With Lectern's extension loaded a search's ids come from lectern_ids() as binary, without it
// from group_concat() as text: the same ids either way, in every order they can be read.

const built = rankExtensionFile()
let tree: ImportedTree
const N = 60

beforeAll(async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < N; i++) {
    files[`news/${String(i).padStart(2, '0')}.md`] = article(`第${i}篇`, i % 3 ? '市场' : '广场')
  }
  tree = await importedTree(files)
}, 60_000)

afterAll(() => tree.close())

describe('a search’s ids read through the extension', () => {
  it.skipIf(!built)('are the ids group_concat reads, ascending, however FTS5 walks them', () => {
    const plain = openArchive(':memory:')
    try {
      // (a connection told of no file has none)
      expect(hasExtension(plain, null)).toBe(false)
      const { db } = tree
      const without = (sql: string, args: unknown[]) => {
        // the same read as text (group_concat), as a connection without the extension reads it
        const text = db
          .prepare(`SELECT group_concat(id) FROM (${sql})`)
          .pluck()
          .get(...args)
        return String(text ?? '')
      }
      expect(hasExtension(db, built)).toBe(true)
      const all = `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?`
      const ids = readIds(db, all, ['"市 场"'])
      expect(ids).toHaveLength((2 * N) / 3)
      expect([...ids].join(',')).toBe(without(all, ['"市 场"']))
      // read downwards (a lower part), the ids still come back ascending
      const lower = matchedBetween(db, '"市 场"', 0, 30)
      expect([...lower]).toEqual([...ids].filter((id) => id < 30))
      // nothing found: an empty list, not an error
      expect(readIds(db, all, ['"没 有"'])).toHaveLength(0)
    } finally {
      plain.close()
    }
  })
})
