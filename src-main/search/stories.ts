import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import { laterVersions, storyEdits } from '../db/story-clusters'
import { laterVersionsShown, wholeListTotal } from '../db/whole-list'

// Grouping a result list needs each hit's story. Joining story_members for every hit of a common
// character (80,000 of 100,000) cost more than the rest of the search; instead the few articles
// that are a later version of another's story are kept in memory, per archive version, and every
// other article is its own story.

interface StoryMap {
  gen: string
  /** The story of each later version, by article id (0: none, the article is its own story).
   * An array, not a Map: a saved search's counts look up every hit, 300,000 lookups for five
   * saved searches of common words at 100,000 articles, 30 ms as Map misses. */
  story: Int32Array
  /** How many stories the whole archive tells, trash left out (wholeArchiveStories). */
  whole?: number
}

const cache = new WeakMap<Archive, StoryMap>()

function storyMap(db: Archive): Int32Array {
  return storyEntry(db).story
}

function storyEntry(db: Archive): StoryMap {
  const gen = `${generation(db)}:${storyEdits(db)}`
  let m = cache.get(db)
  if (!m || m.gen !== gen) {
    const rows = laterVersions(db)
    let max = 0
    for (let i = 0; i < rows.length; i += 2) max = Math.max(max, rows[i]!)
    const story = new Int32Array(rows.length === 0 ? 0 : max + 1)
    for (let i = 0; i < rows.length; i += 2) story[rows[i]!] = rows[i + 1]!
    cache.set(db, (m = { gen, story }))
  }
  return m
}

/**
 * How many stories the whole archive tells, trash left out: what countStories gives over every
 * article, without reading every article's id (the app's first list, before the facet index:
 * 0.4 s at a million articles). Every article is a story but for a later version whose story is
 * counted already: its first version is in the archive, or another later version came first.
 */
export function wholeArchiveStories(db: Archive): number {
  const m = storyEntry(db)
  if (m.whole !== undefined) return m.whole
  const rows = laterVersionsShown(db)
  let n = wholeListTotal(db)
  const counted = new Set<number>()
  for (const [story, trashed, shown] of rows) {
    if (trashed === 1) continue
    if (shown === 1 || counted.has(story)) n--
    else counted.add(story)
  }
  return (m.whole = n)
}

/** The story of each article (the cluster id; the article's own id when it stands alone). */
export function storyOf(db: Archive): (id: number) => number {
  const story = storyMap(db)
  if (story.length === 0) return (id) => id
  return (id) => (id < story.length ? story[id]! || id : id)
}

/** How many stories these articles tell: each hit less those whose story was counted already
 * (a cluster's id is its smallest member's, so it is never above a hit of it). */
export function countStories(ids: ArrayLike<number>, story: (id: number) => number): number {
  let max = 0
  for (let i = 0; i < ids.length; i++) max = Math.max(max, ids[i]!)
  const counted = new Uint8Array(max + 1)
  for (let i = 0; i < ids.length; i++) counted[ids[i]!] = 1
  let n = ids.length
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!
    const s = story(id)
    if (s === id) continue
    if (counted[s] === 1) n--
    else counted[s] = 1
  }
  return n
}

/** How many stories these articles tell that have no version among `seen` (some of `ids`): the
 * stories a saved search has new (no version of them came in before it was last opened) or
 * unread (none of their versions read), as its list grouped by story shows them. */
export function storiesApart(
  ids: ArrayLike<number>,
  seen: ArrayLike<number>,
  story: (id: number) => number,
): number {
  let max = 0
  for (let i = 0; i < ids.length; i++) max = Math.max(max, ids[i]!)
  // 1: counted, 2: seen (a cluster's id is its smallest member's: never above a hit of it)
  const mark = new Uint8Array(max + 1)
  for (let i = 0; i < seen.length; i++) mark[story(seen[i]!)] = 2
  let n = 0
  for (let i = 0; i < ids.length; i++) {
    const s = story(ids[i]!)
    if (mark[s] !== 0) continue
    mark[s] = 1
    n++
  }
  return n
}

/**
 * The first hit of each story in a list's order, from `offset` on, at most `limit` of them.
 * `ordered(n)` gives the first n ids of the list in order (fewer at its end): it is asked for only
 * as far as the page needs, doubling, since most stories have one version.
 */
export function firstOfEachStory(
  ordered: (n: number) => ArrayLike<number>,
  story: (id: number) => number,
  offset: number,
  limit: number,
): number[] {
  for (let cap = Math.max(64, (offset + limit) * 2); ; cap *= 4) {
    const ids = ordered(cap)
    const seen = new Set<number>()
    const out: number[] = []
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!
      const s = story(id)
      if (seen.has(s)) continue
      seen.add(s)
      if (seen.size > offset) out.push(id)
      if (out.length === limit) return out
    }
    if (ids.length < cap) return out
  }
}
