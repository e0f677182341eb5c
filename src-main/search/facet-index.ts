import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import {
  allLabels,
  articleFacetRows,
  articleLabelLinks,
  articleLabelPairs,
  datedCount,
  editedLabelLists,
  facetValueIds,
  idsNewestFirst,
  LABEL_BITS,
  maxArticleId,
  wholeArchiveCounts,
} from '../db/facet-rows'
import { labelKey } from '../db/labels'
import { editedFields, showsImported } from '../db/shown'
import { savedFacetIndex } from './facet-saved'
import type { SearchFacets } from '../shared/search-types'
import type { LabelCount } from '../shared/types'

// Facet counts over a large result set (a common character matches most of the archive) cost
// hundreds of milliseconds as SQL joins. Instead each article's facet values are kept in typed
// arrays indexed by article id, built once per archive version; counting 100,000 hits is then
// a tight loop of a few milliseconds. The same arrays hold the archive's date order, so a page
// of hits newest (or oldest) first is picked from a bitmap instead of sorting rows in SQL.

const FACET_LIMIT = 50

interface Dict {
  names: string[]
  ids: Map<string, number>
}

export interface FacetIndex {
  gen: string
  /** Article ids newest first; the `dated` first ones have a date, the rest (by id desc) not. */
  order: Int32Array
  dated: number
  /** Position of article `id` in `order`, or -1. */
  pos: Int32Array
  /** Facets of the whole archive, counted once: the list everyone opens with. */
  whole: SearchFacets | null
  lang: Int32Array
  source: Int32Array
  year: Int32Array
  dicts: { lang: Dict; source: Dict; year: Dict }
  /** Labels of article `id` are labelIds[labelStart[id] .. labelStart[id + 1]). */
  labelStart: Int32Array
  labelIds: Int32Array
  labels: Map<number, { kind: string; name: string }>
  maxLabel: number
}

const cache = new WeakMap<Archive, FacetIndex>()

function dict(): Dict {
  return { names: [''], ids: new Map() }
}

function code(d: Dict, value: string | null): number {
  if (!value) return 0
  let id = d.ids.get(value)
  if (id === undefined) {
    id = d.names.length
    d.names.push(value)
    d.ids.set(value, id)
  }
  return id
}

function build(db: Archive, gen: string): FacetIndex {
  const maxId = maxArticleId(db)
  const size = maxId + 2
  const order = Int32Array.from(idsNewestFirst(db))
  const pos = new Int32Array(size).fill(-1)
  for (let i = 0; i < order.length; i++) pos[order[i] as number] = i
  const idx: FacetIndex = {
    gen,
    order,
    dated: datedCount(db),
    pos,
    whole: null,
    lang: new Int32Array(size),
    source: new Int32Array(size),
    year: new Int32Array(size),
    dicts: { lang: dict(), source: dict(), year: dict() },
    labelStart: new Int32Array(size + 1),
    labelIds: new Int32Array(0),
    labels: new Map(),
    maxLabel: 0,
  }
  const edited = editedFields(db)
  if (edited.has('lang') || edited.has('sourceName') || edited.has('date')) {
    // Some article shows an edited value: the per-value reads off the indexes would give the
    // imported ones, so every article's shown values are read (the slower whole-table scan).
    for (const [id, lang, source, year] of articleFacetRows(db)) {
      idx.lang[id] = code(idx.dicts.lang, lang)
      idx.source[id] = code(idx.dicts.source, source)
      idx.year[id] = code(idx.dicts.year, year)
    }
  } else {
    for (const [column, values, d] of [
      ['lang', idx.lang, idx.dicts.lang],
      ['source', idx.source, idx.dicts.source],
      ['year', idx.year, idx.dicts.year],
    ] as const) {
      for (const [value, ids] of facetValueIds(db, column)) {
        const c = code(d, value)
        for (const id of ids) values[id] = c
      }
    }
  }
  if (edited.has('tags') || edited.has('categories')) shownLabels(db, idx)
  else importedLabels(db, idx)
  return idx
}

function importedLabels(db: Archive, idx: FacetIndex): void {
  // Links come in (article, label) key order, so each article's labels are one run.
  const links = articleLabelLinks(db)
  idx.labelIds = new Int32Array(links.length)
  const starts = idx.labelStart
  links.forEach((link, i) => {
    const articleId = Math.floor(link / LABEL_BITS)
    idx.labelIds[i] = link - articleId * LABEL_BITS
    starts[articleId + 1] = (starts[articleId + 1] as number) + 1
  })
  for (let i = 1; i < starts.length; i++) {
    starts[i] = (starts[i] as number) + (starts[i - 1] as number)
  }
  for (const [id, kind, name] of allLabels(db)) {
    idx.labels.set(id, { kind, name })
    idx.maxLabel = Math.max(idx.maxLabel, id)
  }
}

/** Labels as shown once some article has the user's own list of tags or categories. */
function shownLabels(db: Archive, idx: FacetIndex): void {
  let nextLabel = 0
  const byKey = new Map<string, number>()
  for (const [id, kind, name] of allLabels(db)) {
    idx.labels.set(id, { kind, name })
    byKey.set(`${kind}:${labelKey(name)}`, id)
    nextLabel = Math.max(nextLabel, id + 1)
  }
  // The user's own lists name labels by name; one the archive has no row for gets an id here.
  const links = articleLabelPairs(db)
  for (const [articleId, kind, json] of editedLabelLists(db)) {
    for (const name of JSON.parse(json) as string[]) {
      const key = `${kind}:${labelKey(name)}`
      let id = byKey.get(key)
      if (id === undefined) {
        id = nextLabel++
        byKey.set(key, id)
        idx.labels.set(id, { kind, name })
      }
      links.push([articleId, id])
    }
  }
  idx.maxLabel = Math.max(0, nextLabel - 1)
  // Compressed rows: count per article, running sums, then fill (no sort needed).
  const starts = idx.labelStart
  for (const [articleId] of links) starts[articleId + 1] = (starts[articleId + 1] as number) + 1
  for (let i = 1; i < starts.length; i++) {
    starts[i] = (starts[i] as number) + (starts[i - 1] as number)
  }
  idx.labelIds = new Int32Array(links.length)
  const fill = starts.slice(0, starts.length - 1)
  for (const [articleId, labelId] of links) {
    idx.labelIds[fill[articleId] as number] = labelId
    fill[articleId] = (fill[articleId] as number) + 1
  }
}

/** The index of the archive as it is now, built (or rebuilt after a change) when needed; read
 * from the archive instead when one kept there is current (a CLI search at a million articles
 * spent seconds building it; another program's write that the index does not count, a reading
 * status, changes the generation but not the kept index's stamp). */
export function facetIndex(db: Archive): FacetIndex {
  const gen = generation(db)
  let idx = cache.get(db)
  if (idx && idx.gen === gen) return idx
  const kept = savedFacetIndex(db)
  cache.set(db, (idx = kept ? { ...kept, gen } : build(db, gen)))
  return idx
}

/** The index of an archive as it is now, built on its own connection (a worker's: see
 * facet-build.ts); the generation is the caller's to give. */
export const buildFacetIndex = (db: Archive): FacetIndex => build(db, '')

/** The buffers of an index's arrays, each once: what a worker hands over without a copy. */
export function facetIndexBuffers(idx: FacetIndex): ArrayBuffer[] {
  const arrays = [idx.order, idx.pos, idx.lang, idx.source, idx.year, idx.labelStart, idx.labelIds]
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]
}

/** Keeps an index built elsewhere as this archive's, if the archive is still at generation
 * `gen` (what it was when the build began); false when it has changed since. */
export function adoptFacetIndex(db: Archive, idx: FacetIndex, gen: string): boolean {
  if (!db.open || generation(db) !== gen) return false
  cache.set(db, { ...idx, gen })
  return true
}

/** How many articles the index had when it was last built (-1: never): what a rebuild costs. */
export const facetIndexSize = (db: Archive): number => cache.get(db)?.order.length ?? -1

/** The index only when it is already built and current: the first answer never waits for it. */
export function readyFacetIndex(db: Archive): FacetIndex | null {
  const idx = cache.get(db)
  return idx && idx.gen === generation(db) ? idx : null
}

/** The last index built, whatever has changed since: what an answer counts its facets with while
 * the current one is being built (it says so: `facetsPending`). Null before the first build. */
export const lastFacetIndex = (db: Archive): FacetIndex | null => cache.get(db) ?? null

/** The facets counted from the archive's labels (the reader's own marks are counted apart). */
type LabelFacets = Omit<SearchFacets, 'annotations'>

/** Facets of the whole archive (an empty query), counted once per archive version. */
export function wholeFacets(db: Archive): SearchFacets {
  const idx = facetIndex(db)
  return (idx.whole ??= facetsOf(db, idx.order))
}

/** The whole archive's facets by SQL aggregates over indexes: what the first list after start
 * shows while the in-memory index is not built yet (the same counts, the same order). */
export function firstFacets(db: Archive): SearchFacets {
  // The aggregates count imported values over every article: with edits or trash, the exact
  // (slower) whole-archive facets from the in-memory index instead.
  if (!showsImported(db)) return wholeFacets(db)
  const f: LabelFacets = { tags: [], categories: [], languages: [], sources: [], years: [] }
  for (const [facet, name, count] of wholeArchiveCounts(db)) {
    f[facet as keyof LabelFacets].push({ name, count })
  }
  for (const k of Object.keys(f) as (keyof LabelFacets)[]) f[k] = top(f[k])
  return f
}

/**
 * The ids among `ids` at `offset .. offset + limit` in date order (newest: undated last, ties by
 * id desc; oldest: the dated ones reversed, then the undated by id asc), as SQL's ORDER BY would
 * give. One pass to mark, one scan of the archive's order: no sort of the hits.
 */
export function pageByDate(
  idx: FacetIndex,
  ids: ArrayLike<number>,
  sort: 'newest' | 'oldest',
  offset: number,
  limit: number,
): number[] {
  const n = idx.order.length
  const want = offset + limit
  if (ids.length === n) return slice(idx, sort, offset, limit)
  const marks = new Uint8Array(n)
  for (let i = 0; i < ids.length; i++) {
    const p = idx.pos[ids[i] as number] ?? -1
    if (p >= 0) marks[p] = 1
  }
  const out: number[] = []
  let seen = 0
  const take = (p: number): boolean => {
    if (marks[p] === 0) return false
    if (seen++ >= offset) out.push(idx.order[p] as number)
    return out.length >= limit || seen >= want
  }
  if (sort === 'newest') {
    for (let p = 0; p < n; p++) if (take(p)) break
  } else {
    let done = false
    for (let p = idx.dated - 1; p >= 0 && !done; p--) done = take(p)
    for (let p = n - 1; p >= idx.dated && !done; p--) done = take(p)
  }
  return out
}

/** The whole archive's page: straight from the order. */
function slice(idx: FacetIndex, sort: 'newest' | 'oldest', offset: number, limit: number) {
  const n = idx.order.length
  const out: number[] = []
  for (let k = offset; k < Math.min(n, offset + limit); k++) {
    // oldest: dated positions dated-1 … 0, then undated n-1 … dated
    const p = sort === 'newest' ? k : k < idx.dated ? idx.dated - 1 - k : n - 1 - (k - idx.dated)
    out.push(idx.order[p] as number)
  }
  return out
}

/** Facet counts for the articles whose ids are given. */
export const facetsOf = (db: Archive, ids: ArrayLike<number>): SearchFacets =>
  facetsIn(facetIndex(db), ids)

/** Facet counts for these ids by this index. An index older than the archive counts what it knew
 * of them: an article added since has no values in it (its id is past the arrays' end), one
 * changed since counts as it was. */
export function facetsIn(idx: FacetIndex, ids: ArrayLike<number>): SearchFacets {
  const count = (values: Int32Array, d: Dict): LabelCount[] => {
    const n = new Int32Array(d.names.length)
    for (let k = 0; k < ids.length; k++) {
      const v = values[ids[k] as number] ?? 0
      n[v] = (n[v] as number) + 1
    }
    const out: LabelCount[] = []
    for (let i = 1; i < n.length; i++)
      if (n[i]) out.push({ name: d.names[i] as string, count: n[i] as number })
    return top(out)
  }
  // Label ids are small dense integers: an array of counters, not a Map, in the hot loop.
  const labelCounts = new Int32Array(idx.maxLabel + 1)
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number
    const end = idx.labelStart[id + 1] ?? 0
    for (let i = idx.labelStart[id] ?? 0; i < end; i++) {
      const label = idx.labelIds[i] as number
      labelCounts[label] = (labelCounts[label] as number) + 1
    }
  }
  const byKind = (kind: string) => {
    const out: LabelCount[] = []
    for (let label = 0; label < labelCounts.length; label++) {
      const n = labelCounts[label] as number
      const l = n > 0 ? idx.labels.get(label) : undefined
      if (l?.kind === kind) out.push({ name: l.name, count: n })
    }
    return top(out)
  }
  return {
    tags: byKind('tag'),
    categories: byKind('category'),
    languages: count(idx.lang, idx.dicts.lang),
    sources: count(idx.source, idx.dicts.source),
    years: count(idx.year, idx.dicts.year),
  }
}

function top(rows: LabelCount[]): LabelCount[] {
  return rows
    .sort((x, y) => y.count - x.count || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))
    .slice(0, FACET_LIMIT)
}
