import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import { laterVersions, storyEdits } from '../db/story-clusters'

// Grouping a result list needs each hit's story. Joining story_members for every hit of a common
// character (80,000 of 100,000) cost more than the rest of the search; instead the few articles
// that are a later version of another's story are kept in memory, per archive version, and every
// other article is its own story.

interface StoryMap {
  gen: string
  story: Map<number, number>
}

const cache = new WeakMap<Archive, StoryMap>()

function storyMap(db: Archive): Map<number, number> {
  const gen = `${generation(db)}:${storyEdits(db)}`
  let m = cache.get(db)
  if (!m || m.gen !== gen) {
    const rows = laterVersions(db)
    const story = new Map<number, number>()
    for (let i = 0; i < rows.length; i += 2) story.set(rows[i]!, rows[i + 1]!)
    cache.set(db, (m = { gen, story }))
  }
  return m.story
}

/** The story of each article (the cluster id; the article's own id when it stands alone). */
export function storyOf(db: Archive): (id: number) => number {
  const story = storyMap(db)
  if (story.size === 0) return (id) => id
  return (id) => story.get(id) ?? id
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
