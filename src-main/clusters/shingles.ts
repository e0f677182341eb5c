import { isCjk } from '../text/normalize'
import { copyUnits, keptUnits } from '../text/units'

// Shingles are hashed, never kept as strings: a 5 KB article has thousands of them and only set
// sizes and overlaps are ever needed. The hash is FNV-1a over the UTF-16 units of a word, mixed
// by murmur3's finaliser; cryptographic strength buys nothing here, speed and determinism do.

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

const LETTER = /[\p{L}\p{N}]/u
const MARK = /\p{M}/u
// What each BMP code unit is to the tokenizer, in one lookup: part of a word (letters, digits,
// marks; a lone surrogate half too), a CJK character (a token of its own), a high surrogate
// (look at the pair), or neither (0). Built once, on first use.
const WORD = 1
const CJK = 2
const HIGH = 3
let kindTable: Uint8Array | null = null
// the token hash of each CJK character in the BMP (cjkHash below), looked up: a table read costs
// less than the mix, and four in five characters of a Chinese article are such tokens
const bmpHash = new Uint32Array(0x10000)

/** What each BMP unit is to the tokenizer (see above); also handed to the extension's copy of it
 * (db/native-story.ts). */
export function kinds(): Uint8Array {
  if (kindTable === null) {
    kindTable = new Uint8Array(0x10000)
    for (let u = 0; u < 0x10000; u++) {
      const c = String.fromCharCode(u)
      if (u >= 0xd800 && u <= 0xdbff) kindTable[u] = HIGH
      else if (u >= 0xdc00 && u <= 0xdfff) kindTable[u] = WORD
      else if (u >= 0x3005 && isCjk(u)) {
        kindTable[u] = CJK
        bmpHash[u] = cjkHash(u)
      } else if (LETTER.test(c) || MARK.test(c)) kindTable[u] = WORD
    }
  }
  return kindTable
}

// offset so that a CJK character never hashes like a one-letter word
const cjkHash = (cp: number) => mix32(cp + 0x9e3779b9)

export interface Tokens {
  /** One 32-bit hash per token: each CJK character, or each run of letters and digits. */
  hashes: Uint32Array
  /** How many of them are CJK characters; decides the shingle length. */
  cjk: number
}

/** Tokens of normalised text; punctuation and spacing are not tokens, so re-wrapping, quote
 * styles (「」 or “”) and full-width punctuation change nothing. */
export function tokenize(text: string): Tokens {
  const t = tokensInto(text, new Uint32Array(text.length))
  return { hashes: t.hashes.slice(), cjk: t.cjk }
}

// the token buffer of `fingerprint`-style callers that use the tokens at once (no allocation)
let scratch = new Uint32Array(4096)

/** tokenize() into a buffer kept between calls: valid until the next call. */
export function tokensOnce(text: string): Tokens {
  if (scratch.length < text.length) scratch = new Uint32Array(text.length * 2)
  return tokensInto(text, scratch)
}

// tokensInto's copy of its text's code units
const textUnits = keptUnits()

function tokensInto(text: string, out: Uint32Array): Tokens {
  const kind = kinds()
  const unit = textUnits(text.length)
  const len = copyUnits(text, unit)
  let n = 0
  let cjk = 0
  let word = 0x811c9dc5
  let inWord = false
  for (let i = 0; i < len; i++) {
    const u = unit[i]!
    let k = kind[u]!
    let cp = u
    if (k === HIGH) {
      // a pair: a CJK character outside the BMP is a token; any other astral character is part
      // of a word, both halves hashed (a lone half is part of a word too)
      const lo = i + 1 < len ? unit[i + 1]! : 0
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000
        if (isCjk(cp)) {
          k = CJK
          i++
        } else {
          word = Math.imul(word ^ u, 0x01000193)
          word = Math.imul(word ^ lo, 0x01000193)
          inWord = true
          i++
          continue
        }
      } else k = WORD
    }
    if (k === CJK) {
      if (inWord) out[n++] = mix32(word)
      inWord = false
      word = 0x811c9dc5
      out[n++] = cp === u ? bmpHash[u]! : cjkHash(cp)
      cjk++
    } else if (k === WORD) {
      word = Math.imul(word ^ u, 0x01000193)
      inWord = true
    } else if (inWord) {
      out[n++] = mix32(word)
      inWord = false
      word = 0x811c9dc5
    }
  }
  if (inWord) out[n++] = mix32(word)
  return { hashes: out.subarray(0, n), cjk }
}

export interface ShingleOptions {
  /** Characters per shingle in CJK text. */
  kCjk: number
  /** Words per shingle in other text. */
  kWords: number
}

/**
 * The hash of every run of k consecutive tokens, in text order. Text that is mostly CJK is
 * shingled by characters (a Chinese character carries about as much as a short word), other text
 * by words. Text shorter than k tokens is one shingle, so short articles still compare.
 */
export function shingleHashes(
  tokens: Tokens,
  opts: ShingleOptions,
  into?: (n: number) => Uint32Array,
): Uint32Array {
  const t = tokens.hashes
  if (t.length === 0) return into?.(0) ?? new Uint32Array(0)
  const k = Math.min(tokens.cjk * 2 >= t.length ? opts.kCjk : opts.kWords, t.length)
  const n = t.length - k + 1
  const out = into?.(n) ?? new Uint32Array(n)
  // a rolling polynomial hash (Rabin–Karp) over the token hashes: one multiply per token instead
  // of k, then mixed so that nearby windows land far apart
  const B = 0x01000193
  let top = 1 // B^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, B)
  let h = 0
  for (let j = 0; j < k; j++) h = (Math.imul(h, B) + t[j]!) | 0
  out[0] = mix32(h)
  for (let i = 1; i + k <= t.length; i++) {
    h = (Math.imul(h - Math.imul(t[i - 1]!, top), B) + t[i + k - 1]!) | 0
    out[i] = mix32(h)
  }
  return out
}

const RADIX_BITS = 11
const counts = new Uint32Array(1 << RADIX_BITS)

/** Sorts 32-bit values in three passes of 11 bits (LSD radix sort). Written by hand because
 * TypedArray.prototype.sort took 8 times as long on a shingle list (measured on Node 20,
 * 2,000 values: 340 µs against 44 µs), and it ran for every article imported. */
function radixSorted(values: Uint32Array): Uint32Array {
  let src = values.slice()
  let dst = new Uint32Array(values.length)
  for (let shift = 0; shift < 32; shift += RADIX_BITS) {
    counts.fill(0)
    for (let i = 0; i < src.length; i++) counts[(src[i]! >>> shift) & 2047]!++
    let sum = 0
    for (let b = 0; b < counts.length; b++) {
      const c = counts[b]!
      counts[b] = sum
      sum += c
    }
    for (let i = 0; i < src.length; i++) {
      const v = src[i]!
      dst[counts[(v >>> shift) & 2047]!++] = v
    }
    ;[src, dst] = [dst, src]
  }
  return src
}

/** The set of shingles: sorted, distinct. */
export function shingleSet(hashes: Uint32Array): Uint32Array {
  const out = radixSorted(hashes)
  let n = 0
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[n - 1]) out[n++] = out[i]!
  return out.slice(0, n)
}

// the slots of `distinct`, kept between calls (0 marks an empty slot)
let slots = new Uint32Array(0)

/** How many distinct values a list of shingle hashes has: shingleSet(hashes).length without
 * sorting (an open-addressing hash set; the hashes are mixed already, so their low bits serve
 * as the slot). A parse worker counts; the set itself is sorted only if it is ever compared. */
export function distinct(hashes: Uint32Array): number {
  let size = 16
  while (size < hashes.length * 2) size *= 2
  if (slots.length < size) slots = new Uint32Array(size)
  else slots.fill(0, 0, size)
  const mask = size - 1
  let n = 0
  let zero = 0
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!
    if (h === 0) {
      zero = 1
      continue
    }
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const v = slots[at]!
      if (v === h) break
      if (v === 0) {
        slots[at] = h
        n++
        break
      }
    }
  }
  return n + zero
}

export function shingles(tokens: Tokens, opts: ShingleOptions): Uint32Array {
  return shingleSet(shingleHashes(tokens, opts))
}

/**
 * Overlapping windows of a long text's shingles. LSH finds texts of similar Jaccard, and a short
 * article quoted whole in a long one has a low Jaccard with it; a window about the short one's
 * length has a high one. So a long article also looks itself up window by window (nothing more is
 * stored for it).
 */
export function windows(hashes: Uint32Array, size: number): Uint32Array[] {
  if (hashes.length < size * 2) return []
  const out: Uint32Array[] = []
  // side by side, not overlapping: each window costs a lookup per band, and a quote cut in two by
  // a border still fills most of one window when it is at least a window long
  for (let at = 0; at < hashes.length; at += size) {
    out.push(hashes.subarray(at, Math.min(hashes.length, at + size)))
    if (at + size >= hashes.length) break
  }
  return out
}

/** |A ∩ B| of two sorted, distinct hash lists. */
export function overlap(a: Uint32Array, b: Uint32Array): number {
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length && j < b.length) {
    const x = a[i]!
    const y = b[j]!
    if (x === y) {
      n++
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return n
}

export interface Similarity {
  /** |A ∩ B| / |A ∪ B|: the two are mostly the same text. */
  jaccard: number
  /** |A ∩ B| / min(|A|, |B|): the shorter one is (mostly) inside the longer one. */
  containment: number
  /** Shingles of the shorter one: containment of a tiny text means little. */
  smaller: number
}

export function similarity(a: Uint32Array, b: Uint32Array): Similarity {
  const both = overlap(a, b)
  const union = a.length + b.length - both
  const smaller = Math.min(a.length, b.length)
  return {
    jaccard: union === 0 ? 0 : both / union,
    containment: smaller === 0 ? 0 : both / smaller,
    smaller,
  }
}

/**
 * similarity() of x with each of its neighbours (the candidates LSH found for it), with x's
 * shingles weighted 1 / (1 + how many neighbours of *other* clusters contain them). An outlet's
 * boilerplate (a disclaimer, an app advert) is in every one of that outlet's articles, so it
 * weighs little against any of them; the words of one story are shared by its copies, which sit
 * in one cluster and so do not count against each other: two copies compare as they would alone.
 * A neighbour's shingles outside x weigh 1 (their counts are unknown; this errs towards
 * "different").
 */
export function neighbourhoodSimilarity(
  x: Uint32Array,
  neighbours: { sh: Uint32Array; cluster: number }[],
): Similarity[] {
  const hits = neighbours.map(({ sh: y }) => {
    const at: number[] = []
    let i = 0
    let j = 0
    while (i < x.length && j < y.length) {
      const a = x[i]!
      const b = y[j]!
      if (a === b) {
        at.push(i)
        i++
        j++
      } else if (a < b) i++
      else j++
    }
    return at
  })
  const total = new Uint16Array(x.length)
  for (const at of hits) for (const i of at) total[i]!++
  const byCluster = new Map<number, number[]>()
  neighbours.forEach((n, k) => byCluster.set(n.cluster, [...(byCluster.get(n.cluster) ?? []), k]))
  const out: Similarity[] = new Array<Similarity>(neighbours.length)
  const count = new Uint16Array(x.length)
  for (const ks of byCluster.values()) {
    count.set(total)
    for (const k of ks) for (const i of hits[k]!) count[i]!--
    let xAll = 0
    for (let i = 0; i < x.length; i++) xAll += 1 / (1 + count[i]!)
    for (const k of ks) {
      let both = 0
      for (const i of hits[k]!) both += 1 / (1 + count[i]!)
      const yOnly = neighbours[k]!.sh.length - hits[k]!.length
      const smaller = Math.min(x.length, neighbours[k]!.sh.length)
      out[k] = {
        jaccard: xAll + yOnly === 0 ? 0 : both / (xAll + yOnly),
        containment: both === 0 ? 0 : both / Math.min(xAll, both + yOnly),
        smaller,
      }
    }
  }
  return out
}
