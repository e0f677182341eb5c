import { assign, type ClusterStore } from './engine'
import { bandKeys, signatureLength, signatures, windowKeys } from './minhash'
import { BUCKET_LIMIT, looseKeys, quotable, type ClusterParams } from './params'
import { shingleHashes, shingleSet, tokenize } from './shingles'
import { storyText } from './text'

/** The engine over plain Maps: what the evaluation bench and unit tests cluster with, through the
 * same `assign` as the archive. */
export class MemoryClusters implements ClusterStore {
  readonly #buckets = new Map<number, number[]>()
  /** The keys of the articles short enough to be quoted (`quotable`), and their loose keys */
  readonly #short = new Map<number, number[]>()
  readonly #loose = new Map<number, number[]>()
  readonly #shingles = new Map<number, Uint32Array>()
  readonly #signatures = new Map<number, Uint16Array>()
  readonly #cluster = new Map<number, number>()
  readonly #members = new Map<number, Set<number>>()
  readonly #apart = new Map<number, Set<number>>()
  readonly #joined = new Map<number, Set<number>>()

  constructor(readonly params: ClusterParams) {}

  /** Adds an article (ids in import order) and places it. */
  add(id: number, markdown: string): number {
    return this.addShingles(id, shingleHashes(tokenize(storyText(markdown)), this.params))
  }

  /** The same with the shingles already made (the bench reuses them across thresholds). */
  addShingles(id: number, hashes: Uint32Array): number {
    const n = signatureLength(this.params)
    const sh = shingleSet(hashes)
    const { whole: sig, windows } = signatures(hashes, n, this.params.window)
    this.#shingles.set(id, sh)
    this.#signatures.set(id, sig)
    const keys = windowKeys(windows, this.params)
    const placing = { id, size: sh.length, set: () => sh, sig, windows: { sigs: windows, keys } }
    const cluster = assign(this, placing, this.params)
    const short = quotable(sh.length, this.params)
    const add = (buckets: Map<number, number[]>, keys: Int32Array) => {
      for (const k of keys) {
        const b = buckets.get(k)
        if (b) b.unshift(id)
        else buckets.set(k, [id])
      }
    }
    add(this.#buckets, bandKeys(sig, this.params))
    if (short) {
      add(this.#short, bandKeys(sig, this.params))
      add(this.#loose, looseKeys(sig, this.params))
    }
    return cluster
  }

  /** The user's choices, as the archive keeps them. */
  choose(a: number, b: number, verdict: 'apart' | 'joined'): void {
    const m = verdict === 'apart' ? this.#apart : this.#joined
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      const s = m.get(x)
      if (s) s.add(y)
      else m.set(x, new Set([y]))
    }
  }

  clusters(): number[][] {
    return [...this.#members.values()].map((s) => [...s].sort((a, b) => a - b))
  }

  candidates(keys: Int32Array, self: number): number[] {
    return find(this.#buckets, keys, self)
  }

  quoted(keys: Int32Array, self: number): number[] {
    return find(this.#short, keys, self)
  }

  short(keys: Int32Array, self: number): number[] {
    return find(this.#loose, keys, self)
  }

  shinglesOf(id: number): Uint32Array {
    return this.#shingles.get(id) ?? new Uint32Array(0)
  }

  sizeOf(id: number): number {
    return this.shinglesOf(id).length
  }

  signatureOf(id: number): Uint16Array {
    return this.#signatures.get(id) ?? new Uint16Array(0)
  }

  clusterOf(id: number): number | null {
    return this.#cluster.get(id) ?? null
  }

  members(cluster: number): number[] {
    return [...(this.#members.get(cluster) ?? [])]
  }

  setCluster(ids: number[], cluster: number): void {
    for (const id of ids) {
      const old = this.#cluster.get(id)
      if (old !== undefined) this.#members.get(old)?.delete(id)
      if (old !== undefined && this.#members.get(old)?.size === 0) this.#members.delete(old)
      this.#cluster.set(id, cluster)
      const s = this.#members.get(cluster)
      if (s) s.add(id)
      else this.#members.set(cluster, new Set([id]))
    }
  }

  apartFrom(id: number): number[] {
    return [...(this.#apart.get(id) ?? [])]
  }

  joinedWith(id: number): number[] {
    return [...(this.#joined.get(id) ?? [])]
  }
}

/** Articles of `buckets` other than `self` sharing these keys, most shared first; the newest
 * `BUCKET_LIMIT` of a key only, as in the archive's table. */
function find(buckets: Map<number, number[]>, keys: Int32Array, self: number): number[] {
  const shared = new Map<number, number>()
  for (const k of keys) {
    for (const id of (buckets.get(k) ?? []).slice(0, BUCKET_LIMIT)) {
      if (id !== self) shared.set(id, (shared.get(id) ?? 0) + 1)
    }
  }
  return [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id)
}
