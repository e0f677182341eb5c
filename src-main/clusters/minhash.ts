import { mix32 } from './shingles'

// MinHash with LSH banding (Broder 1997; Leskovec, Rajaraman & Ullman, "Mining of Massive
// Datasets", ch. 3): `bands × rows` independent min-hashes, each band of `rows` of them hashed to
// one 32-bit key. Two texts share a band key with probability 1 − (1 − J^rows)^bands for Jaccard
// J, so only articles sharing a key are compared at all. Each independent hash function is the
// shingle hash xor a fixed seed, re-mixed: the seeds are constants so signatures never change
// between runs or machines (they are stored).

export interface LshOptions {
  bands: number
  rows: number
}

const SEEDS = (() => {
  const s = new Uint32Array(256)
  for (let i = 0; i < s.length; i++) s[i] = mix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b))
  return s
})()

/** One min-hash per (band, row); empty when there are no shingles. */
export function minhash(shingles: Uint32Array, count: number): Uint32Array {
  if (count > SEEDS.length) throw new Error(`at most ${SEEDS.length} hash functions`)
  const sig = new Uint32Array(count).fill(0xffffffff)
  if (shingles.length === 0) return new Uint32Array(0)
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s]!
    for (let i = 0; i < count; i++) {
      const h = mix32(x ^ SEEDS[i]!)
      if (h < sig[i]!) sig[i] = h
    }
  }
  return sig
}

/** One signed 32-bit key per band (signed so SQLite stores each in 4 bytes). The band's number
 * is part of the key, so one index serves all bands. */
export function bandKeys(shingles: Uint32Array, opts: LshOptions): Int32Array {
  const sig = minhash(shingles, opts.bands * opts.rows)
  if (sig.length === 0) return new Int32Array(0)
  const keys = new Int32Array(opts.bands)
  for (let b = 0; b < opts.bands; b++) {
    let h = Math.imul(b + 1, 0x27d4eb2f)
    for (let r = 0; r < opts.rows; r++) h = Math.imul(h ^ sig[b * opts.rows + r]!, 0x01000193)
    keys[b] = mix32(h) | 0
  }
  return keys
}
