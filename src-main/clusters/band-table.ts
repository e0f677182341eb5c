import { bandKeys, signatureLength } from './minhash'
import type { LshOptions } from './minhash'

// The LSH index in memory: which articles have which band key, and each article's signature and
// shingle count. Placing an article looks up its band keys (a long text also its windows' keys)
// and reads the signature of every candidate; as SQLite statements that was half of what
// clustering cost an import, and grew with the archive. Here a lookup is a few array reads.
// Memory: about 12 bytes per key (16 an article; short ones 16 + 10 more) and 4 to 8 bytes a key
// of buckets, plus 132 per article's signature (64 values) and size: about 320 bytes an article,
// 320 MB at a million. It is the only band index: the archive keeps the signatures, and the keys
// follow from them. Written by hand (chained hashing over typed arrays) because a Map of arrays
// took five times that.

// Entries and signatures are kept in fixed-size chunks, added as they fill: growing never copies
// (doubling one array held the old and the new at once, 100 MB and more at a million articles,
// the import's peak). Only the buckets are made again, at twice the number, from the chains.
const ENTRY_BITS = 16 // 65,536 entries a chunk (key, article, next: 768 KB)
const ENTRY_MASK = (1 << ENTRY_BITS) - 1
const SIG_BITS = 14 // 16,384 articles' signatures a chunk (2 MB at 64 values)
const SIG_MASK = (1 << SIG_BITS) - 1

/** A multimap from band key to article ids. */
class Chains {
  // entries: key, article, next entry in the bucket's chain (-1 ends it), three Int32 each
  #entries: Int32Array[] = []
  #count = 0
  #free: number[] = []
  // at least as many buckets as entries (a power of two, for the mask): a chain is one entry or
  // none on average. Two to four times that was 67 to 100 MB more at 1,000,000 articles, all of
  // it resident (every bucket is written), for about 25 ns less a lookup.
  #heads = new Int32Array(1024).fill(-1)

  /** Whether no key is held (a table of short articles often is: then a lookup costs nothing). */
  get empty(): boolean {
    return this.#count === this.#free.length
  }

  /** Articles with this key, newest first, at most `limit` of them. */
  lookup(key: number, limit: number, out: (id: number) => void): void {
    let n = 0
    const entries = this.#entries
    for (let e = this.#heads[bucket(key, this.#heads.length)]!; e !== -1;) {
      const c = entries[e >>> ENTRY_BITS]!
      const o = (e & ENTRY_MASK) * 3
      if (c[o] === key) {
        out(c[o + 1]!)
        if (++n === limit) return
      }
      e = c[o + 2]!
    }
  }

  add(key: number, id: number): void {
    let e = this.#free.pop()
    if (e === undefined) {
      e = this.#count++
      if (e >>> ENTRY_BITS === this.#entries.length) {
        this.#entries.push(new Int32Array(3 << ENTRY_BITS))
      }
      if (this.#count > this.#heads.length) this.#rehash()
    }
    const b = bucket(key, this.#heads.length)
    const c = this.#entries[e >>> ENTRY_BITS]!
    const o = (e & ENTRY_MASK) * 3
    c[o] = key
    c[o + 1] = id
    c[o + 2] = this.#heads[b]!
    this.#heads[b] = e
  }

  drop(key: number, id: number): void {
    const b = bucket(key, this.#heads.length)
    const entries = this.#entries
    let prev = -1
    for (let e = this.#heads[b]!; e !== -1;) {
      const c = entries[e >>> ENTRY_BITS]!
      const o = (e & ENTRY_MASK) * 3
      const next = c[o + 2]!
      if (c[o] === key && c[o + 1] === id) {
        if (prev === -1) this.#heads[b] = next
        else entries[prev >>> ENTRY_BITS]![(prev & ENTRY_MASK) * 3 + 2] = next
        this.#free.push(e)
        return
      }
      prev = e
      e = next
    }
  }

  /** Twice the buckets, each entry moved from its old chain (free entries are on none). */
  #rehash(): void {
    const heads = new Int32Array(this.#heads.length * 2).fill(-1)
    const entries = this.#entries
    for (const first of this.#heads) {
      for (let e = first; e !== -1;) {
        const c = entries[e >>> ENTRY_BITS]!
        const o = (e & ENTRY_MASK) * 3
        const next = c[o + 2]!
        const b = bucket(c[o]!, heads.length)
        c[o + 2] = heads[b]!
        heads[b] = e
        e = next
      }
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
  #sig: Uint16Array[] = []
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
    return this.#sigAt(id)
  }

  sizeOf(id: number): number {
    return this.has(id) ? this.#size[id]! : 0
  }

  /** Indexes an article (replacing what it had). */
  put(id: number, sig: Uint16Array, size: number): void {
    this.remove(id)
    this.#grow(id)
    const at = this.#sigAt(id)
    // an empty signature (no words) is stored as zeros and has no keys
    at.fill(0)
    at.set(sig.subarray(0, this.#width))
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

  #sigAt(id: number): Uint16Array {
    const w = this.#width
    const o = (id & SIG_MASK) * w
    return this.#sig[id >>> SIG_BITS]!.subarray(o, o + w)
  }

  #grow(id: number): void {
    if (id >= this.#size.length) {
      const n = Math.max(id + 1, this.#size.length * 2, 1024)
      const size = new Int32Array(n).fill(-1)
      size.set(this.#size)
      this.#size = size
    }
    while (this.#sig.length <= id >>> SIG_BITS) {
      this.#sig.push(new Uint16Array((1 << SIG_BITS) * this.#width))
    }
  }
}

// band keys are already mixed hashes: their low bits spread well
const bucket = (key: number, n: number) => key & (n - 1)
