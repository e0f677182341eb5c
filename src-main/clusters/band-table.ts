import { bandKeys, signatureLength } from './minhash'
import type { LshOptions } from './minhash'

// The LSH index in memory: which articles have which band key, and each article's signature and
// shingle count. Placing an article looks up a hundred keys or more (a long text looks itself up
// window by window) and reads the signature of every candidate; as SQLite statements that was
// half of what clustering cost an import, and grew with the archive. Here a lookup is a few array
// reads. Memory: about 12 bytes per key (10 a signature) plus 132 per article's signature (64
// values) and size: 250 bytes an article, 250 MB at a million. It is the only band index: the
// archive keeps the signatures, and the keys follow from them. Written by hand (chained hashing
// over typed arrays) because a Map of arrays took five times that.

export class BandTable {
  #opts: LshOptions
  #width: number
  // entries: key, article, next entry in the bucket's chain (-1 ends it)
  #key = new Int32Array(1024)
  #article = new Int32Array(1024)
  #next = new Int32Array(1024)
  #count = 0
  #free: number[] = []
  // half as many buckets as entries can be (a power of two, for the mask): one or two entries a
  // bucket on average. Four times that was 100 MB more at 1,000,000 articles, all of it resident
  // (every bucket is written), for chains a few array reads shorter.
  #heads = new Int32Array(512).fill(-1)
  // per article id: signature (width values) and shingle count (-1: not indexed)
  #sig = new Uint16Array(0)
  #size = new Int32Array(0)

  constructor(opts: LshOptions) {
    this.#opts = opts
    this.#width = signatureLength(opts)
  }

  // how many of the looked-up keys each article has (a count per id, zeroed after each use)
  #shared = new Uint16Array(0)

  /**
   * Articles other than `self` sharing one of these keys, most shared keys first (then by id).
   * At most `limit` articles are read per key: a key shared by more is an outlet's boilerplate
   * or a template, not one story, and which of them are read is left to the table.
   */
  candidates(keys: Iterable<number>, limit: number, self: number): number[] {
    if (this.#shared.length < this.#size.length) this.#shared = new Uint16Array(this.#size.length)
    const shared = this.#shared
    const ids: number[] = []
    const count = (id: number) => {
      if (id === self || id >= shared.length) return
      const c = shared[id]!
      shared[id] = c + 1
      if (c === 0) ids.push(id)
    }
    for (const k of keys) this.lookup(k, limit, count)
    ids.sort((a, b) => shared[b]! - shared[a]! || a - b)
    for (const id of ids) shared[id] = 0
    return ids
  }

  /** Articles with this band key, at most `limit` of them. */
  lookup(key: number, limit: number, out: (id: number) => void): void {
    let n = 0
    for (let e = this.#heads[bucket(key, this.#heads.length)]!; e !== -1; e = this.#next[e]!) {
      if (this.#key[e] !== key) continue
      out(this.#article[e]!)
      if (++n === limit) return
    }
  }

  has(id: number): boolean {
    return id < this.#size.length && this.#size[id]! >= 0
  }

  signatureOf(id: number): Uint16Array {
    if (!this.has(id)) return new Uint16Array(0)
    const w = this.#width
    return this.#sig.subarray(id * w, id * w + w)
  }

  sizeOf(id: number): number {
    return this.has(id) ? this.#size[id]! : 0
  }

  /** Indexes an article (replacing what it had). */
  put(id: number, sig: Uint16Array, size: number): void {
    this.remove(id)
    this.#grow(id)
    const w = this.#width
    // an empty signature (no words) is stored as zeros and has no keys
    this.#sig.fill(0, id * w, id * w + w)
    this.#sig.set(sig.subarray(0, w), id * w)
    this.#size[id] = size
    for (const k of bandKeys(sig, this.#opts)) this.#add(k, id)
  }

  remove(id: number): void {
    if (!this.has(id)) return
    const sig = this.signatureOf(id)
    if (this.#size[id]! > 0) {
      for (const k of bandKeys(sig, this.#opts)) this.#drop(k, id)
    }
    this.#size[id] = -1
  }

  #add(key: number, id: number): void {
    if (this.#free.length === 0 && this.#count === this.#key.length) this.#growEntries()
    const e = this.#free.pop() ?? this.#count++
    const b = bucket(key, this.#heads.length)
    this.#key[e] = key
    this.#article[e] = id
    this.#next[e] = this.#heads[b]!
    this.#heads[b] = e
  }

  #drop(key: number, id: number): void {
    const b = bucket(key, this.#heads.length)
    let prev = -1
    for (let e = this.#heads[b]!; e !== -1; prev = e, e = this.#next[e]!) {
      if (this.#key[e] !== key || this.#article[e] !== id) continue
      if (prev === -1) this.#heads[b] = this.#next[e]!
      else this.#next[prev] = this.#next[e]!
      this.#free.push(e)
      return
    }
  }

  #grow(id: number): void {
    if (id < this.#size.length) return
    const n = Math.max(id + 1, this.#size.length * 2, 1024)
    const size = new Int32Array(n).fill(-1)
    size.set(this.#size)
    this.#size = size
    const sig = new Uint16Array(n * this.#width)
    sig.set(this.#sig)
    this.#sig = sig
  }

  #growEntries(): void {
    const n = this.#key.length * 2
    for (const name of ['key', 'article', 'next'] as const) {
      const a = new Int32Array(n)
      a.set(name === 'key' ? this.#key : name === 'article' ? this.#article : this.#next)
      if (name === 'key') this.#key = a
      else if (name === 'article') this.#article = a
      else this.#next = a
    }
    // rehash into twice the buckets: chains stay one or two entries long
    const heads = new Int32Array(n / 2).fill(-1)
    const live = new Uint8Array(this.#count).fill(1)
    for (const f of this.#free) live[f] = 0
    for (let e = 0; e < this.#count; e++) {
      if (live[e] === 0) continue
      const b = bucket(this.#key[e]!, heads.length)
      this.#next[e] = heads[b]!
      heads[b] = e
    }
    this.#heads = heads
  }
}

// band keys are already mixed hashes: their low bits spread well
const bucket = (key: number, n: number) => key & (n - 1)
