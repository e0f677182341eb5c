import type { Archive } from '../db/open'
import * as col from '../db/collections'
import * as saved from '../db/saved-searches'
import * as reading from '../db/reading'
import { missingArticles } from '../db/articles'
import { matchingIds, matchingStoryIds } from '../search/search'
import { keptMatchingIds } from '../search/kept-ids'
import { countStories, storiesApart, storyOf } from '../search/stories'
import { ascending, idsIn } from '../db/id-list'
import { LecternError } from '../shared/errors'
import type { NamedKind } from '../shared/problems'
import type { SearchSort } from '../shared/search-types'
import {
  normalName,
  type Changed,
  type CollectionSummary,
  type ReadingState,
  type SavedSearchSummary,
  type Selection,
} from '../shared/organise'

// Collections, saved searches and reading status for one reader (`owner`), over one archive.
// The service hands in the owner; nothing here reads another reader's rows.

const now = () => new Date().toISOString()

function nameOf(kind: NamedKind, name: string): string {
  const n = normalName(name)
  if (n === '') throw new LecternError('empty-name', { kind })
  return n
}

function collectionIdOf(db: Archive, owner: string, name: string): number {
  const id = col.collectionId(db, owner, normalName(name))
  if (id === null) throw new LecternError('unknown-collection', { name })
  return id
}

function summaryOf(db: Archive, owner: string, name: string): CollectionSummary {
  const s = col.listCollections(db, owner).find((c) => c.name === name)
  if (!s) throw new LecternError('unknown-collection', { name })
  return s
}

/**
 * The article ids a selection stands for. "All of this query except these" is resolved here, on
 * the server, from the same search the list shows, so Ctrl/Cmd+A over 100,000 results costs the
 * page nothing. Explicit ids must all exist: a bulk action on a missing article is an error.
 */
export function resolveSelection(db: Archive, owner: string, sel: Selection): number[] {
  if ('query' in sel) {
    const except = new Set(sel.except)
    const ids = sel.group
      ? matchingStoryIds(db, sel.query, sel.sort ?? 'relevance', owner)
      : matchingIds(db, sel.query, owner)
    return ids.filter((id) => !except.has(id))
  }
  const ids = [...new Set(sel.ids)]
  const [missing] = missingArticles(db, ids)
  if (missing !== undefined) throw new LecternError('not-found', { id: missing })
  return ids
}

export const collections = {
  list: (db: Archive, owner: string) => col.listCollections(db, owner),

  create(db: Archive, owner: string, name: string): CollectionSummary {
    const n = nameOf('collection', name)
    if (col.collectionId(db, owner, n) !== null) {
      throw new LecternError('name-taken', { kind: 'collection', name: n })
    }
    col.createCollection(db, owner, n, now())
    return summaryOf(db, owner, n)
  },

  rename(db: Archive, owner: string, name: string, to: string): CollectionSummary {
    const id = collectionIdOf(db, owner, name)
    const n = nameOf('collection', to)
    const other = col.collectionId(db, owner, n)
    if (other !== null && other !== id) {
      throw new LecternError('name-taken', { kind: 'collection', name: n })
    }
    col.renameCollection(db, id, n)
    return summaryOf(db, owner, n)
  },

  delete(db: Archive, owner: string, name: string): CollectionSummary {
    const before = summaryOf(db, owner, normalName(name))
    col.deleteCollection(db, collectionIdOf(db, owner, name))
    return before
  },

  add(db: Archive, owner: string, name: string, sel: Selection): Changed {
    const id = collectionIdOf(db, owner, name)
    return { changed: col.addItems(db, id, resolveSelection(db, owner, sel), now()) }
  },

  remove(db: Archive, owner: string, name: string, sel: Selection): Changed {
    const id = collectionIdOf(db, owner, name)
    return { changed: col.removeItems(db, id, resolveSelection(db, owner, sel)) }
  },

  move(db: Archive, owner: string, name: string, articleId: number, to: number): Changed {
    const id = collectionIdOf(db, owner, name)
    if (!col.moveItem(db, id, articleId, to)) {
      throw new LecternError('not-in-collection', { id: articleId, name: normalName(name) })
    }
    return { changed: 1 }
  },

  of: (db: Archive, owner: string, articleId: number) => col.collectionsOf(db, owner, articleId),
}

/** A saved search's counts, of articles, or with `group` of stories as its list grouped by story
 * shows them: new, those none of whose versions came in before it was last opened; unread,
 * those none of whose versions was read. */
function savedSummary(
  db: Archive,
  owner: string,
  row: saved.SavedSearchRow,
  group = false,
): SavedSearchSummary {
  const ids = keptMatchingIds(db, row.query, owner)
  const about = { name: row.name, query: row.query, sort: row.sort, lastOpened: row.lastOpened }
  if (!group) {
    return {
      ...about,
      count: ids.length,
      new: saved.countImportedAfter(db, ids, row.lastOpened),
      unread: reading.countUnread(db, owner, ids),
    }
  }
  const story = storyOf(db)
  const sorted = ascending(ids)
  const before = idsIn(sorted, saved.importedAfter(db, sorted, row.lastOpened), false)
  return {
    ...about,
    count: countStories(ids, story),
    new: storiesApart(ids, before, story),
    unread: storiesApart(ids, reading.readAmong(db, owner, sorted), story),
  }
}

function savedRow(db: Archive, owner: string, name: string): saved.SavedSearchRow {
  const row = saved.getSavedSearch(db, owner, normalName(name))
  if (!row) throw new LecternError('unknown-saved-search', { name })
  return row
}

export const savedSearches = {
  list: (db: Archive, owner: string, group = false): SavedSearchSummary[] =>
    saved.listSavedSearches(db, owner).map((r) => savedSummary(db, owner, r, group)),

  create(
    db: Archive,
    owner: string,
    s: { name: string; query: string; sort?: SearchSort | undefined },
  ): SavedSearchSummary {
    const name = nameOf('saved-search', s.name)
    if (saved.getSavedSearch(db, owner, name)) {
      throw new LecternError('name-taken', { kind: 'saved-search', name })
    }
    saved.createSavedSearch(db, owner, { name, query: s.query, sort: s.sort ?? 'relevance' }, now())
    return savedSummary(db, owner, savedRow(db, owner, name))
  },

  delete(db: Archive, owner: string, name: string): SavedSearchSummary {
    const row = savedRow(db, owner, name)
    const before = savedSummary(db, owner, row)
    saved.deleteSavedSearch(db, row.id)
    return before
  },

  /** Its summary as it stood (with what was new), and from now on nothing is new. */
  open(db: Archive, owner: string, name: string): SavedSearchSummary {
    const row = savedRow(db, owner, name)
    const before = savedSummary(db, owner, row)
    saved.markOpened(db, row.id, now())
    return before
  },
}

function mustExist(db: Archive, id: number): void {
  if (missingArticles(db, [id]).length) throw new LecternError('not-found', { id })
}

export const readingStatus = {
  set(db: Archive, owner: string, sel: Selection, read: boolean): Changed {
    return { changed: reading.setRead(db, owner, resolveSelection(db, owner, sel), read, now()) }
  },

  get(db: Archive, owner: string, articleId: number): ReadingState {
    mustExist(db, articleId)
    return reading.readingState(db, owner, articleId)
  },

  place(db: Archive, owner: string, articleId: number, position: number): ReadingState {
    mustExist(db, articleId)
    reading.savePosition(db, owner, articleId, position, now())
    return reading.readingState(db, owner, articleId)
  },
}
