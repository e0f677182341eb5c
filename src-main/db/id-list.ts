import type { Archive } from './open'
import { hasExtension } from './extension'
import { stmt } from './stmt'

// A common character matches most of the archive. Reading its 80,000 ids as rows costs a step, a
// JS number and an array slot each (40 ms at 100,000 articles); SQLite's group_concat() walks the
// FTS5 doclist in C and hands over one string, which one loop turns into a typed array (5 ms).
// better-sqlite3 has no bulk integer read, so this hand-written parse is the cheapest way across
// in plain SQL; with Lectern's extension loaded, lectern_ids() hands over the ids as binary.

/** The ids `sql` selects (one integer column), ascending, as one typed array. */
export function readIds(db: Archive, sql: string, args: unknown[]): Int32Array {
  const ids = hasExtension(db) ? binaryIds(db, sql, args) : textIds(db, sql, args)
  // FTS5 yields rowids in ascending order, or descending when asked (matchedBetween); a plan
  // through another index may yield them in any order.
  if (isAscending(ids)) return ids
  return isDescending(ids) ? ids.reverse() : ids.sort()
}

/** The ids as one blob of 32-bit integers (lectern_ids() in native/lectern_rank.c): a quarter
 * less time than as text for a common word's (see there). */
function binaryIds(db: Archive, sql: string, args: unknown[]): Int32Array {
  const blob = stmt(db, `SELECT lectern_ids(id) FROM (${sql})`)
    .pluck()
    .get(...args) as Buffer | null
  if (blob === null) return new Int32Array(0)
  // copied out: a Buffer from SQLite need not be 4-byte aligned for an Int32Array view
  return new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength))
}

/** The ids as text, "3,10,7", parsed: without the extension. */
function textIds(db: Archive, sql: string, args: unknown[]): Int32Array {
  const text = stmt(db, `SELECT group_concat(id) FROM (${sql})`)
    .pluck()
    .get(...args) as string | null
  return parseIds(text ?? '')
}

/** The ids an FTS5 match (the search's MATCH argument) finds from rowid `lo` up to, not
 * including, `hi`, ascending: one part of a search's ids read by two threads at once
 * (search/id-halves.ts). The bounds go as BigInts: FTS5 seeks only to an INTEGER rowid bound
 * (better-sqlite3 binds a JS number as a REAL, which FTS5 leaves to SQLite to filter).
 *
 * A part that starts at the first id is read downwards, unless the match is one word. FTS5
 * checks a read's bound only at a hit, so a read upwards goes on past `hi` to the next hit; for a
 * phrase whose words are common and seldom side by side that is a pass over the rest of their
 * lists (中国 in the generated bench archive, 0 hits: the lower 60% took 11.2 ms upwards, 6.9 ms
 * downwards, the upper 40% 5.8). Downwards it ends where the lists begin. (A single word has no
 * such rows, and its list read downwards was no faster: 的 4.9 ms upwards, 6.4 to 8.8 down.) */
export function matchedBetween(db: Archive, match: string, lo: number, hi: number): Int32Array {
  const down = lo <= 0 && !ONE_WORD.test(match)
  return readIds(
    db,
    `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ? AND rowid >= ? AND rowid < ?
      ${down ? 'ORDER BY rowid DESC' : ''}`,
    [match, BigInt(lo), BigInt(hi)],
  )
}

// a match of one token, as search/fts.ts writes it: `"word"`, `"word" *`, `title : "word"`
const ONE_WORD = /^(?:title : )?"[^" ]+"(?: \*)?$/

/** "3,10,7" → [3, 10, 7]. Ids are positive integers below 2^31 (INTEGER PRIMARY KEYs). */
export function parseIds(text: string): Int32Array {
  if (text === '') return new Int32Array(0)
  let n = 1
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) n++
  const out = new Int32Array(n)
  let k = 0
  let v = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 44) {
      out[k++] = v
      v = 0
    } else v = v * 10 + (c - 48)
  }
  out[k] = v
  return out
}

/**
 * Those of `ids` (ascending; repeats each kept) that are in `set` (ascending, distinct), or with
 * `keep` false those that are not: one walk along both. What a saved search's "new" and "unread"
 * are: its 80,000 hits against the few articles imported since it was opened, or read, instead
 * of 80,000 ids sent to SQLite as JSON and looked up one by one (60 ms for 的 at 100,000 articles).
 */
export function idsIn(ids: ArrayLike<number>, set: Int32Array, keep = true): Int32Array {
  const out = new Int32Array(ids.length)
  let n = 0
  let j = 0
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    while (j < set.length && set[j]! < id) j++
    if ((set[j] === id) === keep) out[n++] = id
  }
  return out.subarray(0, n)
}

function isAscending(ids: ArrayLike<number>): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i]! < ids[i - 1]!) return false
  return true
}

function isDescending(ids: ArrayLike<number>): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i]! > ids[i - 1]!) return false
  return true
}

/** `ids` ascending: as given when they are, else a sorted copy. */
export const ascending = (ids: ArrayLike<number>): ArrayLike<number> =>
  isAscending(ids) ? ids : Int32Array.from(ids).sort()
