import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import type { SearchFacets } from '../shared/search-types'

// Scrolling to the next page or switching the sort asks the same query again: its matching ids,
// facets and the head of its ranked order do not change, and each FTS5 pass over a common
// two-character word costs ~20 ms. So the last few queries' are kept, for the archive version
// they were read from (generation() changes with every write to the articles).

const SIZE = 8

export interface CachedSearch {
  ids: Int32Array
  facets?: Omit<SearchFacets, 'annotations'>
  /** The first ids in relevance order (search.ts's RANKED_HEAD of them). */
  ranked?: number[]
}

interface Cache {
  gen: string
  entries: Map<string, CachedSearch>
}

const caches = new WeakMap<Archive, Cache>()

/** The cached search for `key` on the archive as it is now, or a fresh one (then cached). */
export function cachedSearch(db: Archive, key: string, read: () => Int32Array): CachedSearch {
  const gen = generation(db)
  let c = caches.get(db)
  if (!c || c.gen !== gen) caches.set(db, (c = { gen, entries: new Map() }))
  let hit = c.entries.get(key)
  if (hit) {
    // most recently used last: the first key is the one to drop
    c.entries.delete(key)
  } else {
    hit = { ids: read() }
    if (c.entries.size >= SIZE) c.entries.delete(c.entries.keys().next().value as string)
  }
  c.entries.set(key, hit)
  return hit
}

/** Whether `key`'s search is kept for the archive as it is now. */
export function hasSearch(db: Archive, key: string): boolean {
  const c = caches.get(db)
  return c !== undefined && c.gen === generation(db) && c.entries.has(key)
}

/** Keeps a search read elsewhere (another thread's connection) as `key`'s, if the archive is
 * still at generation `gen`, the one it was read at: cachedSearch then finds it. */
export function keepSearch(db: Archive, key: string, found: CachedSearch, gen: string): boolean {
  if (generation(db) !== gen) return false
  cachedSearch(db, key, () => found.ids).ranked ??= found.ranked
  return true
}

/** Forgets every cached search of `db` (the bench measures searches typed for the first time). */
export function forgetSearches(db: Archive): void {
  caches.delete(db)
}
