import { assign, type ClusterStore } from './engine'
import { bandKeys, signature, signatureLength } from './minhash'
import { BUCKET_LIMIT, type ClusterParams } from './params'
import { shingleHashes, shingleSet, tokenize, windows } from './shingles'
import { storyText } from './text'

/** The engine over plain Maps: what the evaluation bench and unit tests cluster with, through the
 * same `assign` as the archive. */
export class MemoryClusters implements ClusterStore {
  readonly #buckets = new Map<number, number[]>()
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
    const sig = signature(sh, n)
    const probes = windows(hashes, this.params.window).map((w) => signature(w, n))
    this.#shingles.set(id, sh)
    this.#signatures.set(id, sig)
    const cluster = assign(this, id, sh, sig, this.params, probes)
    const keys = bandKeys(sig, this.params)
    for (const k of keys) {
      const b = this.#buckets.get(k)
      if (b) b.push(id)
      else this.#buckets.set(k, [id])
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
    const shared = new Map<number, number>()
    for (const k of keys) {
      for (const id of (this.#buckets.get(k) ?? []).slice(0, BUCKET_LIMIT)) {
        if (id !== self) shared.set(id, (shared.get(id) ?? 0) + 1)
      }
    }
    return [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id)
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
