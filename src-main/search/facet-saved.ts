import type { Archive } from '../db/open'
import { generation, stamp } from '../db/generation'
import { readSavedFacets, savedFacetsStamp, writeSavedFacets } from '../db/saved-facets'
export { savedFacetsCurrent } from '../db/saved-facets'
import type { FacetIndex } from './facet-index'

// The facet index kept in the archive between runs (migration 0012): a restart of a large
// archive has its tags, sources and years as soon as it has read a few tens of megabytes,
// instead of after seconds of building. Arrays are kept as their bytes (little-endian, as on
// every machine Electron and Node run on); `pos` is not kept: it is `order` inverted.

interface Meta {
  dated: number
  size: number
  maxLabel: number
  dicts: { lang: string[]; source: string[]; year: string[] }
  labels: [number, string, string][]
}

const bytes = (a: Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
// (a copy: an aligned buffer of its own, whatever the driver handed back)
const ints = (b: Buffer) => new Int32Array(new Uint8Array(b).buffer)

/**
 * Keeps the archive's facet index `idx` in it (the current one: readyFacetIndex) when it has
 * `minSize` articles or more (a smaller one builds in milliseconds), unless the one kept is
 * already this. Called when the app or `serve` closes. True when written.
 */
export function saveFacetIndex(db: Archive, idx: FacetIndex | null, minSize: number): boolean {
  if (!idx || idx.order.length < minSize || db.readonly) return false
  if (savedFacetsStamp(db) === stamp(db)) return false
  const meta: Meta = {
    dated: idx.dated,
    size: idx.pos.length,
    maxLabel: idx.maxLabel,
    dicts: {
      lang: idx.dicts.lang.names,
      source: idx.dicts.source.names,
      year: idx.dicts.year.names,
    },
    labels: [...idx.labels].map(([id, l]) => [id, l.kind, l.name]),
  }
  const gen = generation(db)
  return writeSavedFacets(
    db,
    {
      meta: JSON.stringify(meta),
      order: bytes(idx.order),
      lang: bytes(idx.lang),
      source: bytes(idx.source),
      year: bytes(idx.year),
      labelStart: bytes(idx.labelStart),
      labelIds: bytes(idx.labelIds),
    },
    () => generation(db) === gen && idx.gen === gen,
  )
}

/** The index kept in the archive, if it is of the archive as it is now; the generation is the
 * caller's to give (as buildFacetIndex's). */
export function savedFacetIndex(db: Archive): FacetIndex | null {
  const row = readSavedFacets(db)
  if (!row) return null
  const meta = JSON.parse(row.meta) as Meta
  const order = ints(row.order)
  const pos = new Int32Array(meta.size).fill(-1)
  for (let i = 0; i < order.length; i++) pos[order[i] as number] = i
  // (names[0] is '', no value: never looked up)
  const dict = (names: string[]) => ({
    names,
    ids: new Map(names.slice(1).map((n, i) => [n, i + 1])),
  })
  return {
    gen: '',
    order,
    dated: meta.dated,
    pos,
    whole: null,
    lang: ints(row.lang),
    source: ints(row.source),
    year: ints(row.year),
    dicts: {
      lang: dict(meta.dicts.lang),
      source: dict(meta.dicts.source),
      year: dict(meta.dicts.year),
    },
    labelStart: ints(row.labelStart),
    labelIds: ints(row.labelIds),
    labels: new Map(meta.labels.map(([id, kind, name]) => [id, { kind, name }])),
    maxLabel: meta.maxLabel,
  }
}
