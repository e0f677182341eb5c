import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import { readIds } from '../db/id-list'
import { matchedSql, onArticlesAlone, prepare } from './search'

// A saved search's counts are asked for whenever the library pane refreshes: after every import,
// and after each article marked read or put in a collection. Each was a whole search (the 69,438
// hits of 市场: 40 ms at 100,000 articles; ten times that at a million), for every saved search,
// on the thread that answers the reader's searches. A query's hits change only with the articles
// (generation()), not with the reader's marks, so they are kept for the archive's version; a
// query that reads the marks (has:, note:, collection:, is:) is read each time.

/** At most this many bytes of ids are kept (the oldest asked for go first). */
const BYTES = 32 * 1024 * 1024

interface Kept {
  gen: string
  ids: Map<string, Int32Array>
  bytes: number
}
const kept = new WeakMap<Archive, Kept>()

/** Every id the query matches (matchingIds), ascending, kept while the archive is unchanged. */
export function keptMatchingIds(db: Archive, query: string, owner: string): Int32Array {
  const p = prepare(db, { query }, owner)
  if ('result' in p) return new Int32Array(0)
  const [sql, args] = matchedSql(p)
  if (!onArticlesAlone(p.q)) return readIds(db, sql, args)
  const gen = generation(db)
  let k = kept.get(db)
  if (k === undefined || k.gen !== gen) kept.set(db, (k = { gen, ids: new Map(), bytes: 0 }))
  const key = `${sql}\u0000${JSON.stringify(args)}`
  let ids = k.ids.get(key)
  if (ids !== undefined) {
    // the most recently asked for last: the first key is the one to drop
    k.ids.delete(key)
    k.ids.set(key, ids)
    return ids
  }
  ids = readIds(db, sql, args)
  k.ids.set(key, ids)
  k.bytes += ids.byteLength
  for (const [oldest, dropped] of k.ids) {
    if (k.bytes <= BYTES || oldest === key) break
    k.ids.delete(oldest)
    k.bytes -= dropped.byteLength
  }
  return ids
}
