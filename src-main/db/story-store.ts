import type { Statement } from 'better-sqlite3'
import { stmt } from './stmt'
import type { Archive } from './open'
import type { ClusterStore } from '../clusters/engine'
import { signatureLength, signatures, windowCount, windowKeys } from '../clusters/minhash'
import {
  BUCKET_LIMIT,
  DEFAULT_PARAMS,
  looseKeys,
  quotable,
  type ClusterParams,
} from '../clusters/params'
import { distinct, shingleHashes, shingleSet, tokenize, tokensOnce } from '../clusters/shingles'
import { storyText, storyTextOf } from '../clusters/text'
import { BandTable } from '../clusters/band-table'
import { nativeStory } from './native-story'
import { ownBuffer, type Taken } from './arena'

// What placing articles in stories keeps in memory beside the archive, and the engine's view of
// the archive (story-clusters.ts places, rebuilds, splits and joins through it).

/**
 * What placing an article needs of its text: its shingles in text order (their set is sorted
 * only if the article is ever compared: most never are), how many distinct ones, its signature,
 * and its windows' signatures and band keys. `folded`: normalizeText(plainText(markdown)), when
 * the caller has it (the importer does, for the search index). Made in the parse workers on
 * import, as views of one buffer: a worker's message copies that buffer once, not an array each.
 */
export function fingerprint(
  markdown: string,
  folded?: string,
  p: ClusterParams = DEFAULT_PARAMS,
  /** Where its arrays go: a buffer of their own, or an arena's (db/arena.ts). */
  take: (bytes: number) => Taken = ownBuffer,
): Fingerprint {
  const text = folded === undefined ? storyText(markdown) : storyTextOf(markdown, folded)
  return fingerprintOf(text, p, take)
}

export interface Fingerprint {
  hashes: Uint32Array
  size: number
  sig: Uint16Array
  windows: { sigs: Uint16Array; keys: Int32Array }
  /** What its arrays take, all together. */
  bytes: number
}

/** fingerprint() of story text (clusters/text.ts). */
export function fingerprintOf(
  text: string,
  p: ClusterParams,
  take: (bytes: number) => Taken = ownBuffer,
  /** Made by Lectern's extension when this thread has it (false: in TypeScript, for tests). */
  native = true,
): Fingerprint {
  const width = signatureLength(p)
  const made = native ? nativeStory(text, p) : null
  let parts = { hashes: 0, sig: 0, sigs: 0, keys: 0 }
  let place: Taken = { buffer: new ArrayBuffer(0), at: 0 }
  let bytes = 0
  // 4-byte values first, then 2-byte ones: every view is aligned
  const layout = (n: number) => {
    const w = windowCount(n, p.window)
    parts = { hashes: n, keys: w * p.bands, sig: n === 0 ? 0 : width, sigs: w * width }
    bytes = 4 * (parts.hashes + parts.keys) + 2 * (parts.sig + parts.sigs)
    place = take(bytes)
    return new Uint32Array(place.buffer, place.at, n)
  }
  let hashes: Uint32Array
  if (made !== null) {
    hashes = layout(made.shingles)
    // (the same layout, to the byte: native-story.test.ts)
    new Uint8Array(place.buffer, place.at, bytes).set(made.body.subarray(0, bytes))
  } else hashes = shingleHashes(tokensOnce(text), p, layout)
  let at = place.at + 4 * parts.hashes
  const keys = new Int32Array(place.buffer, at, parts.keys)
  at += 4 * parts.keys
  const sig = new Uint16Array(place.buffer, at, parts.sig)
  const sigs = new Uint16Array(place.buffer, at + 2 * parts.sig, parts.sigs)
  if (made !== null) {
    return {
      hashes,
      size: made.distinct,
      sig,
      windows: { sigs, keys: keys.subarray(0, made.keys) },
      bytes,
    }
  }
  signatures(hashes, width, p.window, { whole: sig, windows: sigs })
  const windows = { sigs, keys: windowKeys(sigs, p, keys) }
  return { hashes, size: distinct(hashes), sig, windows, bytes }
}

// Shingle sets are not stored (a few KB per article, far over the budget): a candidate's set is
// made again from its text when it is compared, at about a third of a millisecond. Recently
// placed ones are kept, because candidates are mostly recent articles (the copies of one story
// arrive together; an outlet's template articles follow each other): on the generated 20,000,
// 512 sets re-made 16,834 of them, 8,192 only 1,592. Kept as the parse worker made them, in
// text order, and sorted into a set when first compared. Bounded by bytes: 48 MB at most.
export const CACHE_BYTES = 48 * 1024 * 1024

interface Sets {
  /** id → its shingle set, or its shingles in text order when `unsorted` has the id */
  sets: Map<number, Uint32Array>
  unsorted: Set<number>
  /** id → the bytes its entry counts for (see `remember`) */
  sizes: Map<number, number>
  bytes: number
  /** Where eviction goes on from: an iterator over `sets`, which sees what is added after it and
   * skips what is deleted. Every entry behind it has been evicted, so the oldest kept is next. A
   * loop from the map's start each time walked over every deleted entry V8 had not yet compacted
   * away (thousands, per article placed): 100,000 evictions took 351 ms that way, 77 ms this. */
  oldest: Iterator<[number, Uint32Array]>
}
const cache = new WeakMap<Archive, Sets>()

function cached(db: Archive): Sets {
  let m = cache.get(db)
  if (!m) {
    const sets = new Map<number, Uint32Array>()
    const oldest = sets.entries()
    cache.set(db, (m = { sets, unsorted: new Set(), sizes: new Map(), bytes: 0, oldest }))
  }
  return m
}

/**
 * Keeps an article's shingles: its set (`sorted`), or its shingle hashes in text order. `bytes`:
 * what keeping them keeps alive, when more than the array (a fingerprint's shingles come with
 * its signatures: its `bytes`). Fingerprints from a parse worker share an arena's buffers
 * (db/arena.ts), a part's articles side by side, so a buffer is freed once all of its articles
 * are evicted: they were placed together, and eviction goes oldest first.
 */
export function remember(
  db: Archive,
  id: number,
  sh: Uint32Array,
  sorted: boolean,
  bytes = sh.byteLength,
): void {
  const m = cached(db)
  if (m.sets.has(id)) {
    m.bytes -= m.sizes.get(id)!
    m.sets.delete(id)
  }
  m.sets.set(id, sh)
  m.sizes.set(id, bytes)
  if (sorted) m.unsorted.delete(id)
  else m.unsorted.add(id)
  m.bytes += bytes
  while (m.bytes > CACHE_BYTES) {
    // (never done while something is kept: every entry kept is ahead of it)
    const next = m.oldest.next()
    if (next.done) return
    const k = next.value[0]
    m.sets.delete(k)
    m.unsorted.delete(k)
    m.bytes -= m.sizes.get(k)!
    m.sizes.delete(k)
  }
}

/** Whether an article's shingles are kept in memory (tests). */
export const isRemembered = (db: Archive, id: number) => cached(db).sets.has(id)

/** An article's shingle set if it is kept (sorted now if it was kept in text order). */
function setOf(db: Archive, id: number): Uint32Array | undefined {
  const m = cached(db)
  const sh = m.sets.get(id)
  if (sh === undefined || !m.unsorted.has(id)) return sh
  const set = shingleSet(sh)
  m.sets.set(id, set)
  m.unsorted.delete(id)
  m.bytes += set.byteLength - m.sizes.get(id)!
  m.sizes.set(id, set.byteLength)
  return set
}

// What is kept per connection: the band table (clusters/band-table.ts), loaded from the
// signatures on the first placement and kept up to date by this connection's writes, and the
// articles named in the user's choices (most have none, and then a placement asks SQLite
// nothing about them). Both hold hints only: a candidate is confirmed from its text and its
// cluster read from SQLite, so an entry left by a rolled-back import costs a comparison, never a
// wrong cluster. Another connection's commit (a rebuild or a choice from the command line)
// makes them load again.
interface Kept {
  version: number
  table: BandTable
  chosen: Set<number>
}
const kept = new WeakMap<Archive, Kept>()

function keptFor(db: Archive): Kept {
  const version = db.pragma('data_version', { simple: true }) as number
  const had = kept.get(db)
  if (had && had.version === version) return had
  const table = new BandTable(DEFAULT_PARAMS, {
    quotable: (size) => quotable(size, DEFAULT_PARAMS),
    looseKeys: (sig) => looseKeys(sig, DEFAULT_PARAMS),
  })
  const rows = stmt(db, `SELECT article_id, signature, shingles FROM story_members`).raw().iterate()
  for (const [id, sig, size] of rows as Iterable<[number, Buffer, number]>) {
    table.put(id, fromBlob(sig), size)
  }
  const pairs = stmt(db, `SELECT a, b FROM story_choices`).raw().all() as [number, number][]
  const k = { version, table, chosen: new Set(pairs.flat()) }
  kept.set(db, k)
  return k
}

/** Forgets what is kept for this connection (a rebuild starts from nothing). */
export function forget(db: Archive): void {
  cache.delete(db)
  kept.delete(db)
}

export const toBlob = (sig: Uint16Array) => Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength)
// copied out: a Buffer from SQLite need not be 2-byte aligned for a Uint16Array view
export const fromBlob = (b: Buffer) => new Uint16Array(new Uint8Array(b).buffer)

export function markdownOf(db: Archive, id: number): string {
  const row = stmt(db, `SELECT markdown FROM article_texts WHERE article_id = ?`).get(id) as
    { markdown: string } | undefined
  return row?.markdown ?? ''
}

/**
 * The engine's view of the archive, for one transaction's placements (an import batch, a
 * rebuild page, a split): what is kept in memory is checked against other connections once, and
 * the statements an article's placement runs are prepared once.
 */
export class SqliteClusters implements ClusterStore {
  readonly table: BandTable
  readonly #chosen: Set<number>
  readonly #clusterOf: Statement
  readonly #update: Statement
  /** A new article being placed: its row is written after, with its cluster (see `placeNew`). */
  #pending = -1
  #pendingCluster = -1

  constructor(readonly db: Archive) {
    const k = keptFor(db)
    this.table = k.table
    this.#chosen = k.chosen
    this.#clusterOf = stmt(db, `SELECT cluster_id FROM story_members WHERE article_id = ?`)
    this.#update = stmt(db, `UPDATE story_members SET cluster_id = ? WHERE article_id = ?`)
  }

  candidates(keys: Int32Array, self: number): number[] {
    return this.table.candidates(keys, BUCKET_LIMIT, self)
  }

  quoted(keys: Int32Array, self: number): number[] {
    return this.table.quoted(keys, BUCKET_LIMIT, self)
  }

  short(keys: Int32Array, self: number): number[] {
    return this.table.short(keys, BUCKET_LIMIT, self)
  }

  shinglesOf(id: number): Uint32Array {
    const hit = setOf(this.db, id)
    if (hit) return hit
    // only the set: a candidate's signatures are stored already
    const sh = shingleSet(
      shingleHashes(tokenize(storyText(markdownOf(this.db, id))), DEFAULT_PARAMS),
    )
    remember(this.db, id, sh, true)
    return sh
  }

  signatureOf(id: number): Uint16Array {
    return this.table.signatureOf(id)
  }

  sizeOf(id: number): number {
    return this.table.sizeOf(id)
  }

  clusterOf(id: number): number | null {
    if (id === this.#pending) return null
    const row = this.#clusterOf.get(id) as { cluster_id: number | null } | undefined
    return row?.cluster_id ?? null
  }

  members(cluster: number): number[] {
    return stmt(
      this.db,
      `SELECT article_id FROM story_members WHERE cluster_id = ? ORDER BY article_id`,
    )
      .pluck()
      .all(cluster) as number[]
  }

  setCluster(ids: number[], cluster: number): void {
    for (const id of ids) {
      if (id === this.#pending) this.#pendingCluster = cluster
      else this.#update.run(cluster, id)
    }
  }

  apartFrom(id: number): number[] {
    return this.#chosen.has(id) ? partners(this.db, id, 'apart') : []
  }

  joinedWith(id: number): number[] {
    return this.#chosen.has(id) ? partners(this.db, id, 'joined') : []
  }

  /** A choice made through this connection (story-clusters.ts writes it). */
  chose(a: number, b: number): void {
    this.#chosen.add(a)
    this.#chosen.add(b)
  }

  /** Stores an article's signature (replacing an old one), in cluster `cluster` (null: not
   * placed yet). Its band keys live in the in-memory table only: they follow from the signature. */
  index(id: number, sig: Uint16Array, size: number, cluster: number | null): void {
    stmt(
      this.db,
      `INSERT INTO story_members (article_id, cluster_id, signature, shingles) VALUES (?, ?, ?, ?)
       ON CONFLICT (article_id) DO UPDATE SET cluster_id = excluded.cluster_id,
         signature = excluded.signature, shingles = excluded.shingles`,
    ).run(id, cluster, toBlob(sig), size)
    this.table.put(id, sig, size)
  }

  /** Places a new article, which has no row yet: it is written once, with its cluster, so an
   * article that joins nothing costs one row. */
  placeNew(id: number, place: () => number): number {
    this.#pending = id
    this.#pendingCluster = id
    try {
      place()
      return this.#pendingCluster
    } finally {
      this.#pending = -1
    }
  }
}

function partners(db: Archive, id: number, verdict: 'apart' | 'joined'): number[] {
  return stmt(
    db,
    `SELECT b FROM story_choices WHERE a = @id AND verdict = @verdict
     UNION SELECT a FROM story_choices WHERE b = @id AND verdict = @verdict`,
  )
    .pluck()
    .all({ id, verdict }) as number[]
}
