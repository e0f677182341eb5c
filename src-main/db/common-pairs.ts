import { createHash } from 'node:crypto'
import type { Archive } from './open'
import { stmt } from './stmt'
import { COMMON_PAIRS } from '../text/common-pairs'

// The index's common pairs (native/lectern_tokens.c, "Common pairs"): a connection that loads
// Lectern's extension writes them, one without it does not, and a search may look a pair up
// only when every row of the index has it. The archive's `index_pairs` row says so (migration
// 0014); this file keeps it true: written when the index is empty or rebuilt by a connection
// that writes the pairs, removed as soon as one that does not may write.

/** The list's name as an archive records it: any change to the list is another name. */
export const PAIRS_LIST = createHash('sha256')
  .update(COMMON_PAIRS.join(' '))
  .digest('hex')
  .slice(0, 16)

const writing = new WeakSet<Archive>()

/** Hands the pairs to the tokenizer of a connection that has just loaded the extension, before
 * its first document (a build of the extension without lectern_index_pairs writes none). */
export function givePairs(db: Archive): void {
  try {
    const n = db.prepare(`SELECT lectern_index_pairs(?)`).pluck().get(COMMON_PAIRS.join(''))
    if (n === COMMON_PAIRS.length) writing.add(db)
  } catch {
    // searches go on by phrases, as they did before the pairs
  }
}

/** Whether the rows this connection writes into the index have the pairs. */
export const writesPairs = (db: Archive): boolean => writing.has(db)

function hasTable(db: Archive): boolean {
  return stmt(db, `SELECT 1 FROM sqlite_schema WHERE name = 'index_pairs'`).get() !== undefined
}

function recorded(db: Archive): string | undefined {
  return stmt(db, `SELECT list FROM index_pairs`).pluck().get() as string | undefined
}

function record(db: Archive, list: string | null): void {
  db.prepare(`DELETE FROM index_pairs`).run()
  if (list !== null) db.prepare(`INSERT INTO index_pairs (list) VALUES (?)`).run(list)
}

/** For a connection opened to write: the record made true for what it will write. */
export function syncPairs(db: Archive): void {
  if (!hasTable(db)) return
  const was = recorded(db) ?? null
  if (was === PAIRS_LIST && writesPairs(db)) return
  const empty = stmt(db, `SELECT 1 FROM articles LIMIT 1`).get() === undefined
  const now = writesPairs(db) && empty ? PAIRS_LIST : null
  if (now !== was) record(db, now)
}

/** After the whole index was written again by this connection. */
export function indexRewritten(db: Archive): void {
  if (hasTable(db)) record(db, writesPairs(db) ? PAIRS_LIST : null)
}

/** Whether a search on this archive may look the pairs up: every row has them. Read at each
 * search, since another process (one without the extension) may have taken them away. */
export function pairsInIndex(db: Archive): boolean {
  try {
    return recorded(db) === PAIRS_LIST
  } catch {
    return false // an archive not yet at migration 0014 (a migration's own test)
  }
}
