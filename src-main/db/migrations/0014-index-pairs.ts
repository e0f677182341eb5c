import type { Migration } from './index'

// The index keeps the most common character pairs as tokens of their own
// (native/lectern_tokens.c, "Common pairs"), where Lectern's extension writes it. A search may use
// them only when every row has them: this row names the list of pairs the whole index was written
// with (db/common-pairs.ts keeps it true). No row: none; an archive from before keeps searching by
// phrases until its index is rebuilt (Check's Repair). Derived data: nothing a user made is touched.
export const m0014: Migration = {
  version: 14,
  name: 'index-pairs',
  up(db) {
    db.exec(`CREATE TABLE index_pairs (list TEXT NOT NULL)`)
  },
}
