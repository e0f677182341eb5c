import type { Archive } from '../db/open'
import { allArticleIds, existingArticleIds } from '../db/export'
import { searchArchive } from '../search/search'
import { collectionId, collectionItems } from '../db/collections'
import { LOCAL_OWNER } from '../db/annotations'
import { LecternError } from '../shared/errors'
import type { ExportSelection } from '../shared/export'

const PAGE = 1000

/** The article ids a selection names, in the order the export writes them. Unknown ids are an
 * error (a typo must not quietly export less). */
export function selectArticles(
  db: Archive,
  sel: ExportSelection,
  owner: string = LOCAL_OWNER,
): number[] {
  if ('ids' in sel) {
    const known = new Set(existingArticleIds(db, sel.ids))
    const missing = sel.ids.find((id) => !known.has(id))
    if (missing !== undefined) throw new LecternError('not-found', { id: missing })
    return [...new Set(sel.ids)]
  }
  if ('all' in sel) return allArticleIds(db)
  if ('collection' in sel) {
    const id = collectionId(db, owner, sel.collection)
    if (id === null) throw new LecternError('unknown-collection', { name: sel.collection })
    return collectionItems(db, id)
  }
  // A search's whole result set in the list's order, less the rows unticked after Ctrl/Cmd+A.
  const except = new Set(sel.except)
  const ids: number[] = []
  for (let offset = 0; ; offset += PAGE) {
    const sort = sel.sort ? { sort: sel.sort } : {}
    const r = searchArchive(db, { query: sel.query, limit: PAGE, offset, ...sort }, { owner })
    if (r.error) throw new LecternError(r.error.code)
    ids.push(...r.hits.map((h) => h.id))
    if (r.hits.length < PAGE || ids.length >= r.total) break
  }
  return except.size ? ids.filter((id) => !except.has(id)) : ids
}
