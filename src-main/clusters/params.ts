import { bandKeys, type LshOptions } from './minhash'
import type { ShingleOptions, Similarity } from './shingles'

export interface ClusterParams extends ShingleOptions, LshOptions {
  /** Same story when the shingle sets overlap this much (Jaccard): reprints, edits, cuts. */
  jaccard: number
  /** Same story when the shorter text is this much inside the longer: a report quoted whole. */
  containment: number
  /** Containment counts only for texts of at least this many shingles: a two-line stub is
   * "contained" in many articles by chance or boilerplate. */
  minContained: number
  /** A candidate's text is read only when its signature's estimate says it may pass: an
   * estimated Jaccard of at least this, or (below) an estimated containment. Lower than
   * `jaccard` and `containment`, as the texts are compared with boilerplate weighed down
   * (`neighbourhoodSimilarity`), which can lift a pair above its plain Jaccard. */
  screenJaccard: number
  screenContainment: number
  /** The looser banding short articles (`quotable`) are also looked up by among each other:
   * a boilerplate is much of a short text, and the other short items of an outlet that share
   * it are what weighs it down (`neighbourhoodSimilarity`). Its first `looseBands ×
   * looseRows` values make the keys. */
  looseBands: number
  looseRows: number
  /** Shingles per window a long text is also looked up by (see `windows`). */
  window: number
  /** At most this many candidates are confirmed per article (those sharing the most bands). */
  maxCandidates: number
}

/** Articles read per LSH band key: more share one key only when it is boilerplate. */
export const BUCKET_LIMIT = 64

// Chosen from `npm run bench -- clusters` (see README, "Story clusters"): the figures there are
// measured with exactly these values.
export const DEFAULT_PARAMS: ClusterParams = {
  kCjk: 5,
  kWords: 4,
  bands: 16,
  rows: 3,
  values: 64,
  jaccard: 0.4,
  containment: 0.8,
  minContained: 30,
  screenJaccard: 0.25,
  screenContainment: 0.6,
  looseBands: 10,
  looseRows: 2,
  window: 120,
  maxCandidates: 40,
}

/** The band keys short articles are looked up by among each other. */
export const looseKeys = (sig: Uint16Array, p: ClusterParams) =>
  bandKeys(sig, { bands: p.looseBands, rows: p.looseRows, values: p.values })

/** Whether an article of `size` shingles is short enough to be found quoted whole in a long
 * text's window, and long enough for its containment to count: only these are looked up by a
 * long text's windows (see `assign`). */
export const quotable = (size: number, p: ClusterParams) =>
  size >= p.minContained && size * p.screenContainment <= p.window

/** How a confirmed pair relates: `same` texts merge their clusters; `inside` (one quoted in the
 * other) only lets the new article join, so a digest quoting two stories does not fuse them. */
export type Link = 'same' | 'inside' | null

export function linkOf(s: Similarity, p: ClusterParams): Link {
  if (s.jaccard >= p.jaccard) return 'same'
  if (s.smaller >= p.minContained && s.containment >= p.containment) return 'inside'
  return null
}
