import type { Archive } from '../db/open'
import { matchedBetween } from '../db/id-list'

// A common word's matching ids read by both threads at once, neither waiting on the other: the
// rowids are cut in two parts, and each part is read by whichever thread takes it first. The id
// worker takes the upper part as soon as it gets the job, then the lower one if it is still
// there; this thread takes the lower part when it is free (at once in date order; by relevance
// once it has ranked the head and made the page). So a busy or late thread never holds the other
// up, and a query whose ids are quick to read is read by one thread alone.
// Why two parts and not many: FTS5 ends a range read only at a hit past the range's end, so a
// range of a word with few hits can cost a pass over the rest of the whole phrase; with two
// parts that is at most one extra pass, and only the lower part's.

/**
 * Where the two parts meet, as a share of the largest article id: in date order, halves (both
 * threads start at once). By relevance this thread comes to its part only after the ranked head
 * and the page (20–50 ms), so it takes the older 40%, and only in a large archive: there a common
 * word's ids take far longer than that (300 ms at 1,000,000 articles: relevance searches of
 * 市场, 增长, 数据 20% faster), while at 100,000 (27 ms) sharing them gained nothing and cost light
 * words a few milliseconds. Below LARGE the worker reads them all (the lower part is empty).
 */
export function lowerShare(sort: 'relevance' | 'date', lastId: number, large = LARGE): number {
  if (sort === 'date') return 0.5
  return lastId >= large ? 0.4 : 0
}

/** From how many articles a relevance search shares the reading of its ids: about where a common
 * word's ids take twice the ranked head and page. */
export const LARGE = 250_000

/** A read of a match's ids in two parts: the match, where the upper part starts (a rowid), and
 * which parts were taken (a shared word: bit 1 the lower, bit 2 the upper). */
export interface HalvesRead {
  match: string
  split: number
  taken: SharedArrayBuffer
}

/** Where the upper part starts (a rowid) for a lower part holding about `share` of the hits. */
export type Cut = (lastId: number, share: number) => number

/** The cut at `share` of the largest article id: right when hits are spread evenly over the ids,
 * which they seldom are (see id-split.ts). */
export const evenCut: Cut = (lastId, share) => Math.floor(lastId * share) + 1

/** A read of `match`'s ids in two parts, the lower one holding about `share` of them (0: the
 * upper part holds every id). */
export function halvesRead(
  match: string,
  lastId: number,
  share: number,
  cut: Cut = evenCut,
): HalvesRead {
  const split = share > 0 ? cut(lastId, share) : 0
  return { match, split, taken: new SharedArrayBuffer(4) }
}

const BIT = { lower: 1, upper: 2 }

// the largest rowid bound (every id is below it)
const END = 2 ** 31

/** Reads one part, if no thread took it yet: its ids, ascending; else null. */
export function readPart(
  db: Archive,
  read: HalvesRead,
  part: 'lower' | 'upper',
): Int32Array | null {
  const bit = BIT[part]
  if ((Atomics.or(new Int32Array(read.taken), 0, bit) & bit) !== 0) return null
  const [lo, hi] = part === 'lower' ? [0, read.split] : [read.split, END]
  // (an empty part is not asked for: FTS5 would look for a first hit past its end)
  return lo < hi ? matchedBetween(db, read.match, lo, hi) : new Int32Array(0)
}

/** The worker's side: the upper part, then the lower one if still there; the ids it read,
 * ascending. */
export function readUpperFirst(db: Archive, read: HalvesRead): Int32Array {
  const upper = readPart(db, read, 'upper')
  const lower = readPart(db, read, 'lower')
  return both(lower, upper)
}

/** This thread's side: the lower part if still there (and the upper one, should the worker not
 * have come to it yet: then this thread reads every id), ascending; null when none was left. */
export function readLowerIfLeft(db: Archive, read: HalvesRead): Int32Array | null {
  const lower = readPart(db, read, 'lower')
  return lower && both(lower, readPart(db, read, 'upper'))
}

const both = (lower: Int32Array | null, upper: Int32Array | null): Int32Array =>
  lower && upper ? joined(lower, upper) : (lower ?? upper ?? new Int32Array(0))

/** Two lists of ids, the first's all below the second's, as one (ascending). */
export function joined(low: Int32Array, high: Int32Array): Int32Array {
  const ids = new Int32Array(low.length + high.length)
  ids.set(low)
  ids.set(high, low.length)
  return ids
}
