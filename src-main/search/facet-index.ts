import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import {
  allLabels,
  articleFacetRows,
  articleLabelPairs,
  editedLabelLists,
  maxArticleId,
} from '../db/facet-rows'
import { labelKey } from '../db/labels'
import type { SearchFacets } from '../shared/search-types'
import type { LabelCount } from '../shared/types'

// Facet counts over a large result set (a common character matches most of the archive) cost
// hundreds of milliseconds as SQL joins. Instead each article's facet values are kept in typed
// arrays indexed by article id, built once per archive version; counting 100,000 hits is then
// a tight loop of a few milliseconds.

const FACET_LIMIT = 50

interface Dict {
  names: string[]
  ids: Map<string, number>
}

interface FacetIndex {
  gen: string
  lang: Int32Array
  source: Int32Array
  year: Int32Array
  dicts: { lang: Dict; source: Dict; year: Dict }
  /** Labels of article `id` are labelIds[labelStart[id] .. labelStart[id + 1]). */
  labelStart: Int32Array
  labelIds: Int32Array
  labels: Map<number, { kind: string; name: string }>
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
  const idx: FacetIndex = {
    gen,
    lang: new Int32Array(size),
    source: new Int32Array(size),
    year: new Int32Array(size),
    dicts: { lang: dict(), source: dict(), year: dict() },
    labelStart: new Int32Array(size + 1),
    labelIds: new Int32Array(0),
    labels: new Map(),
  }
  for (const [id, lang, source, year] of articleFacetRows(db)) {
    idx.lang[id] = code(idx.dicts.lang, lang)
    idx.source[id] = code(idx.dicts.source, source)
    idx.year[id] = code(idx.dicts.year, year)
  }
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
  return idx
}

function indexFor(db: Archive): FacetIndex {
  const gen = generation(db)
  let idx = cache.get(db)
  if (!idx || idx.gen !== gen) cache.set(db, (idx = build(db, gen)))
  return idx
}

/** Facet counts for the articles whose ids are given. */
export function facetsOf(db: Archive, ids: number[]): SearchFacets {
  const idx = indexFor(db)
  const count = (values: Int32Array, d: Dict): LabelCount[] => {
    const n = new Int32Array(d.names.length)
    for (const id of ids) {
      const v = values[id] ?? 0
      n[v] = (n[v] as number) + 1
    }
    const out: LabelCount[] = []
    for (let i = 1; i < n.length; i++)
      if (n[i]) out.push({ name: d.names[i] as string, count: n[i] as number })
    return top(out)
  }
  const labelCounts = new Map<number, number>()
  for (const id of ids) {
    for (let i = idx.labelStart[id] ?? 0; i < (idx.labelStart[id + 1] ?? 0); i++) {
      const label = idx.labelIds[i] as number
      labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1)
    }
  }
  const byKind = (kind: string) =>
    top(
      [...labelCounts]
        .filter(([label]) => idx.labels.get(label)?.kind === kind)
        .map(([label, n]) => ({ name: idx.labels.get(label)?.name ?? '', count: n })),
    )
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
