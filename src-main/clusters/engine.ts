import { atLeast, bandKeys, signatureLength } from './minhash'
import { neighbourhoodSimilarity } from './shingles'
import { linkOf, looseKeys, quotable, type ClusterParams } from './params'

/** Fewer agreeing values than this is chance or a shared phrase, whatever the sizes say. */
const MIN_AGREEING = 4

/**
 * Where the engine reads and writes clusters: SQLite for the archive, a Map for the evaluation
 * bench. Cluster ids are the smallest member's article id, so a rebuild gives the same ids.
 */
export interface ClusterStore {
  /** Assigned articles sharing a band key with these, most shared keys first. */
  candidates(keys: Int32Array, self: number): number[]
  /** The same among articles short enough to be quoted whole in a window (`quotable`). */
  quoted(keys: Int32Array, self: number): number[]
  /** Short articles sharing one of these loose band keys (`looseKeys`) with a short one. */
  short(keys: Int32Array, self: number): number[]
  shinglesOf(id: number): Uint32Array
  signatureOf(id: number): Uint16Array
  /** How many shingles the article has (kept beside the signature). */
  sizeOf(id: number): number
  clusterOf(id: number): number | null
  members(cluster: number): number[]
  /** Puts every one of `ids` into cluster `cluster` (ids may come from several clusters). */
  setCluster(ids: number[], cluster: number): void
  /** Partners of `id` in the user's "not the same story" and "same story" choices. */
  apartFrom(id: number): number[]
  joinedWith(id: number): number[]
}

/** A long text's windows (see `windows` in shingles.ts): their signatures side by side
 * (`signatureLength` values each) and their band keys (`windowKeys`), both made with the text's
 * fingerprint (in a parse worker, on import). */
export interface Windows {
  sigs: Uint16Array
  keys: Int32Array
}

const NO_WINDOWS: Windows = { sigs: new Uint16Array(0), keys: new Int32Array(0) }

/** The article being placed. */
export interface Placing {
  id: number
  /** How many distinct shingles it has. */
  size: number
  /** Its shingle set (sorted, distinct): made only if a candidate is compared with it. */
  set: () => Uint32Array
  sig: Uint16Array
  /** Its windows, when it is long. */
  windows?: Windows
}

/**
 * Places one article (not assigned yet) among the assigned ones: it joins the cluster it is the
 * same text as (merging clusters it bridges), else the cluster it is quoted in or quotes, else
 * stays alone. "Not the same story" choices are never crossed; "same story" ones always win.
 * Only the article's LSH candidates are read: nothing else in the archive is recomputed.
 */
export function assign(store: ClusterStore, x: Placing, p: ClusterParams): number {
  const { id, sig, windows = NO_WINDOWS } = x
  // A shared band is two agreeing min-hashes; a long signature tells how much more the pair
  // shares, and only a pair that may pass the thresholds has its texts read. Unrelated texts
  // that share a band by chance (an outlet's template, common phrases) stop here, before any
  // text is read or lexed. A short text wholly inside a long one has a low Jaccard with it,
  // so its containment is estimated too, from the two sizes: |A ∩ B| = J (|A| + |B|) / (1 + J).
  const a = x.size
  // |A ∩ B| ≥ c × m (m: the size it is a share of) holds when J ≥ c m / (|A| + |B| − c m): the
  // thresholds become a count of agreeing values, and counting stops once it is decided
  const needed = (len: number, j: number) => Math.max(MIN_AGREEING, Math.ceil(len * j - 1e-9))
  const share = (c: number, m: number, sum: number) => (sum > c * m ? (c * m) / (sum - c * m) : 1)
  const worth = (other: number, theirs: Uint16Array) => {
    const b = store.sizeOf(other)
    const len = Math.min(sig.length, theirs.length)
    const j = Math.min(p.screenJaccard, share(p.screenContainment, Math.min(a, b), a + b))
    if (len > 0 && atLeast(sig, theirs, needed(len, j))) return true
    // a candidate quoted inside this (long) text: one window holds most of it. Only its own
    // share counts, not the window's, which a text on the same topic shares as much; so a
    // candidate much longer than a window is not looked for in them (most are: the test is cheap)
    if (b * p.screenContainment > p.window) return false
    // each window is about `window` shingles (the last one fewer: the estimate errs to reading)
    const jw = share(p.screenContainment, b, p.window + b)
    const need = needed(Math.min(width, theirs.length), jw)
    for (let at = 0; at < windows.sigs.length; at += width) {
      if (atLeast(windows.sigs.subarray(at, at + width), theirs, need)) return true
    }
    return false
  }
  const width = signatureLength(p)
  const found = store.candidates(bandKeys(sig, p), id)
  // A long text's windows are looked up only among the short articles: a window finds what is
  // quoted whole in it, and only a short article can be (the screen above reads no other one
  // by its windows). Most articles are not short, so the windows' hundred-odd keys, which
  // template phrases make popular, find few.
  // a short text is also looked up among the other short ones, by looser bands (see params.ts)
  const more = [
    ...(windows.keys.length > 0 ? store.quoted(windows.keys, id) : []),
    ...(quotable(x.size, p) ? store.short(looseKeys(sig, p), id) : []),
  ]
  if (more.length > 0) {
    const seen = new Set(found)
    for (const other of more) if (!seen.has(other) && seen.add(other)) found.push(other)
  }
  const near: { other: number; cluster: number; sh: Uint32Array }[] = []
  let screened = 0
  for (const other of found) {
    if (screened === p.maxCandidates) break
    if (!worth(other, store.signatureOf(other))) continue
    screened++
    const cluster = store.clusterOf(other)
    if (cluster !== null) near.push({ other, cluster, sh: store.shinglesOf(other) })
  }
  // most articles: nothing near and no choice, alone in a cluster of their own
  if (near.length === 0 && store.joinedWith(id).length === 0) {
    store.setCluster([id], id)
    return id
  }
  const apart = new Set(store.apartFrom(id))
  const links = new Map<number, { same: boolean; score: number }>()
  const sims = near.length > 0 ? neighbourhoodSimilarity(x.set(), near) : []
  for (const [k, { other, cluster }] of near.entries()) {
    if (apart.has(other)) continue
    const s = sims[k]!
    const link = linkOf(s, p)
    if (link === null) continue
    const prev = links.get(cluster)
    links.set(cluster, {
      same: link === 'same' || (prev?.same ?? false),
      score: Math.max(s.jaccard, s.containment, prev?.score ?? 0),
    })
  }
  const ranked = [...links].sort(
    (a, b) => Number(b[1].same) - Number(a[1].same) || b[1].score - a[1].score || a[0] - b[0],
  )
  let members = [id]
  // the clusters joined, with their members (whose rows change only if the cluster's id does)
  const joined: { cluster: number; ms: number[] }[] = []
  // apartFrom is symmetric, so holding every member's partners is enough to check a newcomer
  const forbidden = apart
  for (const [cluster, link] of ranked) {
    // the best cluster is joined whatever the link; more only when the text is the same
    if (members.length > 1 && !link.same) continue
    const ms = store.members(cluster)
    if (ms.some((m) => forbidden.has(m))) continue
    members = members.concat(ms)
    joined.push({ cluster, ms })
    for (const m of ms) for (const x of store.apartFrom(m)) forbidden.add(x)
  }
  for (const other of store.joinedWith(id)) {
    const cluster = store.clusterOf(other)
    if (cluster === null || members.includes(other)) continue
    const ms = store.members(cluster)
    members = members.concat(ms)
    joined.push({ cluster, ms })
  }
  const cluster = Math.min(...members)
  const moved = [id]
  for (const j of joined) if (j.cluster !== cluster) moved.push(...j.ms)
  store.setCluster(moved, cluster)
  return cluster
}
