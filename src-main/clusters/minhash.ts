import { mix32 } from './shingles'

// MinHash with LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive
// Datasets", ch. 3). Two texts share a band with probability 1 − (1 − J^rows)^bands for Jaccard
// J, so only articles sharing a band key are compared at all.
//
// The `bands × rows` min-hashes come from one-permutation hashing (Li, Owen & Zhang 2012): each
// shingle is hashed once and falls into one of the bins, whose minimum is that bin's min-hash;
// empty bins (short texts) borrow the next filled bin's value, re-mixed (densification,
// Shrivastava & Li 2014). One hash per shingle instead of one per shingle and function: the
// signature costs a tenth of the classic one. Every value is then cut to 16 bits of a re-mix:
// an accidental match is 1 in 65,536, and the signature fits in 2 bytes a value in the archive.

export interface LshOptions {
  bands: number
  rows: number
  /** Min-hashes in a signature: the first `bands × rows` make the band keys, all of them estimate
   * a candidate's Jaccard before its text is read (more values, a closer estimate). */
  values: number
}

/** How many values a signature has for these options. */
export const signatureLength = (o: LshOptions) => Math.max(o.values, o.bands * o.rows)

const SEED_BIN = 0x9e3779b9
const SEED_MIN = 0x85ebca6b

/** `count` 16-bit min-hash values; empty when there are no shingles. */
export function signature(shingles: Uint32Array, count: number): Uint16Array {
  return signatures(shingles, count, Infinity).whole
}

/**
 * The signature of the whole list of shingle hashes (repeats do not change a minimum, so the
 * list need not be a set) and of each side-by-side window of `window` of them, hashing every
 * shingle once for all: a long text's windows cost no second pass. The windows are those of
 * `windows` in shingles.ts (none for a list shorter than two), their signatures side by side in
 * one array (`count` values each: one array to hand from a parse worker, not one a window).
 */
export function signatures(
  hashes: Uint32Array,
  count: number,
  window: number,
  /** Where to write them (`windowCount` signatures for the windows), when not in new arrays. */
  into?: { whole: Uint16Array; windows: Uint16Array },
): { whole: Uint16Array; windows: Uint16Array } {
  const windowed = hashes.length >= window * 2
  const windows = into?.windows ?? new Uint16Array(windowCount(hashes.length, window) * count)
  const all = scratch(0, count)
  const part = scratch(1, count)
  // the bin: the top bits of a hash as a fraction of `count`; a shift when `count` is a power of
  // two (the same bin: floor(h × 2^k / 2^32) is h >>> (32 − k))
  const bits = Math.log2(count)
  const shift = Number.isInteger(bits) && bits >= 1 && bits <= 31 ? 32 - bits : 0
  const step = windowed ? window : hashes.length
  for (let start = 0, at = 0; start < hashes.length; start += step, at += count) {
    const end = Math.min(hashes.length, start + step)
    for (let s = start; s < end; s++) {
      const x = hashes[s]!
      const m = mix32(x ^ SEED_BIN)
      const bin = shift > 0 ? m >>> shift : Math.floor((m * count) / 4294967296)
      const h = mix32(x ^ SEED_MIN)
      if (h <= all.mins[bin]!) {
        all.mins[bin] = h
        all.filled[bin] = 1
      }
      if (windowed && h <= part.mins[bin]!) {
        part.mins[bin] = h
        part.filled[bin] = 1
      }
    }
    if (!windowed) continue
    densify(part, count, windows, at)
    part.mins.fill(0xffffffff)
    part.filled.fill(0)
  }
  const whole = into?.whole ?? new Uint16Array(hashes.length === 0 ? 0 : count)
  if (hashes.length > 0) densify(all, count, whole, 0)
  return { whole, windows }
}

/** How many windows a text of `n` shingles is looked up by (see `windows` in shingles.ts). */
export const windowCount = (n: number, window: number) =>
  n >= window * 2 ? Math.ceil(n / window) : 0

// the running minima: two sets (the whole text's and a window's), kept between calls
const mins: { mins: Uint32Array; filled: Uint8Array }[] = []

function scratch(k: number, count: number): { mins: Uint32Array; filled: Uint8Array } {
  if (mins[k]?.mins.length !== count) {
    mins[k] = { mins: new Uint32Array(count), filled: new Uint8Array(count) }
  }
  const m = mins[k]
  m.mins.fill(0xffffffff)
  m.filled.fill(0)
  return m
}

function densify(
  { mins, filled }: { mins: Uint32Array; filled: Uint8Array },
  count: number,
  out: Uint16Array,
  at: number,
): void {
  for (let i = 0; i < count; i++) {
    let j = i
    let hops = 0
    while (filled[j] === 0) {
      j = (j + 1) % count
      hops++
    }
    out[at + i] = mix32(mins[j]! + Math.imul(hops, 0x27d4eb2f)) & 0xffff
  }
}

/** One signed 32-bit key per band (signed, so SQLite stores each in 4 bytes). The band's number
 * is part of the key, so one index serves all bands. */
export function bandKeys(sig: Uint16Array, opts: LshOptions): Int32Array {
  if (sig.length === 0) return new Int32Array(0)
  const keys = new Int32Array(opts.bands)
  for (let b = 0; b < opts.bands; b++) keys[b] = bandKey(sig, 0, b, opts.rows)
  return keys
}

/** Band `b`'s key of the signature at `at` in `sigs`. */
function bandKey(sigs: Uint16Array, at: number, b: number, rows: number): number {
  let h = Math.imul(b + 1, 0x27d4eb2f)
  for (let r = 0; r < rows; r++) h = Math.imul(h ^ sigs[at + b * rows + r]!, 0x01000193)
  return mix32(h) | 0
}

// the slots of windowKeys' set of keys seen, kept between calls (`seen` marks the filled ones)
let slots = new Int32Array(0)
let seen = new Uint8Array(0)

/** The band keys of each of these signatures (side by side, `signatureLength` values each),
 * every key once, in the order first met: what a long text's windows are looked up by (a lookup
 * counts each key once, in any order). A view of `into` when given. */
export function windowKeys(sigs: Uint16Array, opts: LshOptions, into?: Int32Array): Int32Array {
  const width = signatureLength(opts)
  const total = (sigs.length / width) * opts.bands
  const keys = into ?? new Int32Array(total)
  // an open-addressing set (keys are mixed hashes: their low bits make the slot); sorting them
  // to drop repeats took most of the time a window's keys cost
  let size = 16
  while (size < total * 2) size *= 2
  if (slots.length < size) {
    slots = new Int32Array(size)
    seen = new Uint8Array(size)
  } else seen.fill(0, 0, size)
  const mask = size - 1
  let n = 0
  for (let at = 0; at < sigs.length; at += width) {
    for (let b = 0; b < opts.bands; b++) {
      const k = bandKey(sigs, at, b, opts.rows)
      for (let i = k & mask; ; i = (i + 1) & mask) {
        if (seen[i] === 0) {
          seen[i] = 1
          slots[i] = k
          keys[n++] = k
          break
        }
        if (slots[i] === k) break
      }
    }
  }
  return keys.subarray(0, n)
}

/** How many min-hashes two signatures share: about J × their length (an accidental match of two
 * 16-bit values is 1 in 65,536). */
export function agreeing(a: Uint16Array, b: Uint16Array): number {
  let n = 0
  const len = Math.min(a.length, b.length)
  for (let i = 0; i < len; i++) if (a[i] === b[i]) n++
  return n
}

/** Whether two signatures share at least `need` min-hashes; stops as soon as that is decided. */
export function atLeast(a: Uint16Array, b: Uint16Array, need: number): boolean {
  const len = Math.min(a.length, b.length)
  if (need > len) return false
  let n = 0
  for (let i = 0; i < len; i++) {
    if (a[i] === b[i] && ++n >= need) return true
    if (n + len - i - 1 < need) return false
  }
  return false
}
