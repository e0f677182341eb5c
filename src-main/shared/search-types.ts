import type { LabelCount } from './types'
import type { WireError } from './errors'

export type SearchSort = 'relevance' | 'newest' | 'oldest'

export interface SearchRequest {
  query: string
  limit?: number
  offset?: number
  sort?: SearchSort
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
  /** Plain text with `<`, `>`, `&` escaped and matches wrapped in `<mark>`…`</mark>`. */
  snippet: string
}

export interface SearchFacets {
  tags: LabelCount[]
  categories: LabelCount[]
  languages: LabelCount[]
  sources: LabelCount[]
  years: LabelCount[]
}

export interface SearchResult {
  total: number
  hits: SearchHit[]
  facets?: SearchFacets
  /** Set when the query could not be used as typed; the result is then empty. */
  error?: WireError<'unsearchable-query'>
  /** Parts of the query that were ignored, e.g. `before:abc`. */
  warnings?: string[]
}
