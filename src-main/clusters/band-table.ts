import { bandKeys, signatureLength } from './minhash'
import type { LshOptions } from './minhash'

// The LSH index in memory: which articles have which band key, and each article's signature and
// shingle count. Placing an article looks up its band keys (a long text also its windows' keys)
// and reads the signature of every candidate; as SQLite statements that was half of what
// clustering cost an import, and grew with the archive. Here a lookup is a few array reads.
// Memory: about 12 bytes per key (16 an article; short ones 16 + 10 more) plus 132 per
// article's signature (64 values) and size: 320 bytes an article, 320 MB at a million. It is the only band index: the archive
// keeps the signatures, and the keys follow from them. Written by hand (chained hashing over
// typed arrays) because a Map of arrays took five times that.

/** A multimap from band key to article ids. */
class Chains {
  // entries: key, article, next entry in the bucket's chain (-1 ends it)
  #key = new Int32Array(1024)
  #article = new Int32Array(1024)
  #next = new Int32Array(1024)
  #count = 0
  #free: number[] = []
  #heads = new Int32Array(2048).fill(-1)

  /** Whether no key is held (a table of short articles often is: then a lookup costs nothing). */
  get empty(): boolean {
    return this.#count === this.#free.length
  }

  /** Articles with this key, newest first, at most `limit` of them. */
  lookup(key: number, limit: number, out: (id: number) => void): void {
    let n = 0
    for (let e = this.#heads[bucket(key, this.#heads.length)]!; e !== -1; e = this.#next[e]!) {
      if (this.#key[e] !== key) continue
      out(this.#article[e]!)
      if (++n === limit) return
    }
  }

  add(key: number, id: number): void {
    if (this.#free.length === 0 && this.#count === this.#key.length) this.#grow()
    const e = this.#free.pop() ?? this.#count++
    const b = bucket(key, this.#heads.length)
    this.#key[e] = key
    this.#article[e] = id
    this.#next[e] = this.#heads[b]!
    this.#heads[b] = e
  }

  drop(key: number, id: number): void {
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

  #grow(): void {
    const n = this.#key.length * 2
    const wider = (a: Int32Array) => {
      const b = new Int32Array(n)
      b.set(a)
      return b
    }
    this.#key = wider(this.#key)
    this.#article = wider(this.#article)
    this.#next = wider(this.#next)
    // rehash into twice the buckets: chains stay about one entry long
    const heads = new Int32Array(n * 2).fill(-1)
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

/** Which articles are short, and the looser keys they are also found by. */
export interface ShortOptions {
  quotable: (size: number) => boolean
  looseKeys: (sig: Uint16Array) => Int32Array
}

const NO_SHORT: ShortOptions = { quotable: () => false, looseKeys: () => new Int32Array(0) }

export class BandTable {
  #opts: LshOptions
  #width: number
  #shortOpts: ShortOptions
  /** Every article's keys. */
  #all = new Chains()
  /** The keys of articles short enough to be quoted whole in a long text's window. */
  #short = new Chains()
  /** Their loose keys (`ShortOptions.looseKeys`). */
  #loose = new Chains()
  // per article id: signature (width values) and shingle count (-1: not indexed)
  #sig = new Uint16Array(0)
  #size = new Int32Array(0)

  constructor(opts: LshOptions, short: ShortOptions = NO_SHORT) {
    this.#opts = opts
    this.#width = signatureLength(opts)
    this.#shortOpts = short
  }

  // how many of the looked-up keys each article has (a count per id, zeroed after each use)
  #shared = new Uint16Array(0)

  /**
   * Articles other than `self` sharing one of these keys, most shared keys first (then by id).
   * At most `limit` articles are read per key: a key shared by more is an outlet's boilerplate
   * or a template, not one story, and the newest of them are read.
   */
  candidates(keys: Iterable<number>, limit: number, self: number): number[] {
    return this.#find(this.#all, keys, limit, self)
  }

  /** The same among the articles short enough to be quoted (the `quotable` of the constructor):
   * what a long text's windows are looked up in. */
  quoted(keys: Iterable<number>, limit: number, self: number): number[] {
    return this.#find(this.#short, keys, limit, self)
  }

  /** The same among the short articles' loose keys. */
  short(keys: Iterable<number>, limit: number, self: number): number[] {
    return this.#find(this.#loose, keys, limit, self)
  }

  #find(chains: Chains, keys: Iterable<number>, limit: number, self: number): number[] {
    if (chains.empty) return []
    if (this.#shared.length < this.#size.length) this.#shared = new Uint16Array(this.#size.length)
    const shared = this.#shared
    const ids: number[] = []
    const count = (id: number) => {
      if (id === self || id >= shared.length) return
      const c = shared[id]!
      shared[id] = c + 1
      if (c === 0) ids.push(id)
    }
    for (const k of keys) chains.lookup(k, limit, count)
    if (ids.length > 1) ids.sort((a, b) => shared[b]! - shared[a]! || a - b)
    for (const id of ids) shared[id] = 0
    return ids
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
    const short = this.#shortOpts.quotable(size)
    for (const k of bandKeys(sig, this.#opts)) {
      this.#all.add(k, id)
      if (short) this.#short.add(k, id)
    }
    if (short) for (const k of this.#shortOpts.looseKeys(sig)) this.#loose.add(k, id)
  }

  remove(id: number): void {
    if (!this.has(id)) return
    const size = this.#size[id]!
    if (size > 0) {
      const sig = this.signatureOf(id)
      const short = this.#shortOpts.quotable(size)
      for (const k of bandKeys(sig, this.#opts)) {
        this.#all.drop(k, id)
        if (short) this.#short.drop(k, id)
      }
      if (short) for (const k of this.#shortOpts.looseKeys(sig)) this.#loose.drop(k, id)
    }
    this.#size[id] = -1
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
}

// band keys are already mixed hashes: their low bits spread well
const bucket = (key: number, n: number) => key & (n - 1)
