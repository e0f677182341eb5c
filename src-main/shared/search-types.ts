import type { LabelCount } from './types'
import type { QueryWarning } from './query'
import type { WireError } from './errors'

export type SearchSort = 'relevance' | 'newest' | 'oldest'

export interface SearchRequest {
  query: string
  limit?: number
  offset?: number
  sort?: SearchSort
  /** One hit per story cluster: the first of its versions in the requested order (the best
   * ranked, the newest or the oldest); `total` then counts clusters. Facets count articles. */
  group?: boolean
}

export interface SearchHit {
  id: number
  title: string
  date: string | null
  tags: string[]
  categories: string[]
  lang: string | null
  sourceName: string | null
  sourceUrl: string | null
  path: string
  /** The thumbnail's copy in the archive (`/media/<hash>.<ext>`), null while not stored. */
  thumbnail: string | null
  /** The reader has read it (reading status is per reader). */
  read: boolean
  /** Plain text around the matches, `…` where it was cut, and which parts of it matched. */
  snippet: MarkedText
  /** The story cluster the article belongs to (its id: the smallest member's article id). */
  cluster: number
  /** How many versions the story has, this one included (trashed ones are not counted). */
  versions: number
}

/**
 * Text with some parts marked, as data: each mark is `[start, end)` in UTF-16 offsets into
 * `text`, sorted and not overlapping. The side that draws it builds the elements (see
 * marked-text.ts), so nothing in it is ever parsed as markup.
 */
export interface MarkedText {
  text: string
  marks: [number, number][]
}

export interface SearchFacets {
  tags: LabelCount[]
  categories: LabelCount[]
  languages: LabelCount[]
  sources: LabelCount[]
  years: LabelCount[]
  /** Of the hits, how many the reader highlighted and how many carry a note of theirs. */
  annotations?: { highlighted: number; noted: number }
}

export interface SearchResult {
  /** Matching articles, or matching stories when the request grouped them. */
  total: number
  hits: SearchHit[]
  facets?: SearchFacets
  /** No facets yet: they are being counted (just after start, or after a large archive
   * changed). The same request asked again shortly has them. */
  facetsPending?: true
  /** Set when the query could not be used as typed; the result is then empty. */
  error?: WireError<'unsearchable-query'>
  /** Parts of the query that were ignored (e.g. `before:abc`), with their place in it. */
  warnings?: QueryWarning[]
}
