// What a reader organises, as it crosses the contract: collections, saved searches, reading
// status and selections of the list. Plain JSON shapes; imports nothing from Node or the DOM.
import type { SearchSort } from './search-types'
import { ValidationError, bool, int, list, obj, oneOf, optional, str, type Check } from './validate'

export interface CollectionSummary {
  name: string
  /** Articles in it. */
  count: number
  /** Of those, the ones the reader has not read. */
  unread: number
}

export interface SavedSearchSummary {
  name: string
  query: string
  sort: SearchSort
  /** Articles matching now. */
  count: number
  /** Of those, the ones imported after `lastOpened` (the "+3" beside its name). */
  new: number
  /** Of those, the ones the reader has not read. */
  unread: number
  /** ISO 8601: when it was last opened (or created). */
  lastOpened: string
}

/**
 * Articles picked in the list. Either the ids themselves, or a whole result set as "every match
 * of this query except these": Ctrl/Cmd+A over 100,000 results sends a query and the few rows the
 * reader unticked, and the server finds the ids, so the page never loads them all. With `group`
 * the list showed one row per story, and the selection is those rows (the article standing for
 * each story in that `sort`), not the versions behind them.
 */
export type Selection =
  { ids: number[] } | { query: string; except: number[]; group?: boolean; sort?: SearchSort }

/** Where a reader is with one article. */
export interface ReadingState {
  read: boolean
  /** The fraction of the article scrolled when it was last left, 0..1; null if never opened. */
  position: number | null
}

/** How many articles a bulk action changed (the others were already so). */
export interface Changed {
  changed: number
}

const ID = int(1, Number.MAX_SAFE_INTEGER)
/** One selection may name up to a million ids; a whole result set goes as a query instead. */
const MAX_IDS = 1_000_000
const byIds = obj({ ids: list(ID, MAX_IDS) })
const byQuery = obj({
  query: str,
  except: list(ID, MAX_IDS),
  group: optional(bool),
  sort: optional(oneOf('relevance', 'newest', 'oldest')),
})

export const selection: Check<Selection> = (v, at) => {
  if (typeof v === 'object' && v !== null && 'query' in v) return byQuery(v, at)
  if (typeof v === 'object' && v !== null && 'ids' in v) return byIds(v, at)
  throw new ValidationError(at, { rule: 'object' })
}

export const fraction: Check<number> = (v, at) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
    throw new ValidationError(at, { rule: 'fraction' })
  }
  return v
}

/** A name as stored and compared: NFKC (as the query parser reads `collection:"…"`), trimmed. */
export function normalName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim()
}
