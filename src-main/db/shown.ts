import { stmt } from './stmt'
import type { Archive } from './open'
import { generation } from './generation'
import type { EditableField } from '../shared/types'
import { LOCAL_OWNER } from '../shared/auth'

// What search, facets, sorting and stats see is the article as shown: the user's edit of a field
// where there is one (article_edits), the imported column otherwise. Edits are few beside the
// articles, so the plain column is used while no article has an edit of that field, and the
// edit lookup (one primary-key probe per article) only once one does: a search over an
// unedited archive costs what it did before edits existed.

const COLUMN = {
  title: 'title',
  date: 'date',
  summary: 'summary',
  lang: 'lang',
  sourceName: 'source_name',
  sourceUrl: 'source_url',
} as const
export type ShownColumn = keyof typeof COLUMN

// Written into the fragments below, which carry no arguments of their own: a constant of the
// contract, never input.
const EDITS_OF_LOCAL = `e.owner = '${LOCAL_OWNER}'`

const cache = new WeakMap<Archive, { gen: string; fields: Set<EditableField> }>()

/** Fields that at least one article has an edit of (cached per archive version). */
export function editedFields(db: Archive): Set<EditableField> {
  const gen = generation(db)
  const hit = cache.get(db)
  if (hit && hit.gen === gen) return hit.fields
  const fields = new Set(
    stmt(db, `SELECT DISTINCT field FROM article_edits`).pluck().all() as EditableField[],
  )
  cache.set(db, { gen, fields })
  return fields
}

/** SQL for the shown value of a field of the article aliased `a`. */
export function shownSql(db: Archive, field: ShownColumn, alias = 'a'): string {
  const col = `${alias}.${COLUMN[field]}`
  if (!editedFields(db).has(field)) return col
  // An edit to null clears the field, so "has an edit" and "its value" are asked apart.
  const edit = `FROM article_edits e WHERE e.article_id = ${alias}.id AND e.field = '${field}'
    AND ${EDITS_OF_LOCAL}`
  return `(CASE WHEN EXISTS (SELECT 1 ${edit}) THEN (SELECT e.value ->> '$' ${edit}) ELSE ${col} END)`
}

/**
 * SQL true when the article `a` shows the label whose key is given: from the user's list when
 * they edited that kind of label, else from the imported labels.
 */
export function hasLabelSql(
  db: Archive,
  kind: 'tag' | 'category',
  key: string,
): { sql: string; args: string[] } {
  const imported = `EXISTS (SELECT 1 FROM article_labels al JOIN labels l ON l.id = al.label_id
    WHERE al.article_id = a.id AND l.kind = '${kind}' AND l.key = ?)`
  const field = kind === 'tag' ? 'tags' : 'categories'
  if (!editedFields(db).has(field)) return { sql: imported, args: [key] }
  const edit = `article_edits e WHERE e.article_id = a.id AND e.field = '${field}'
    AND ${EDITS_OF_LOCAL}`
  // label_key is labelKey registered on the connection (open.ts): SQLite's NOCASE is ASCII-only.
  const sql = `(CASE WHEN EXISTS (SELECT 1 FROM ${edit})
    THEN EXISTS (SELECT 1 FROM json_each((SELECT e.value FROM ${edit})) j
      WHERE label_key(j.value) = ?)
    ELSE ${imported} END)`
  return { sql, args: [key, key] }
}

/** SQL true when the article whose id is `column` is not in the trash (the trash is small:
 * SQLite reads it once into a lookup, with no join to the articles). */
export function notTrashedSql(column: string): string {
  return `${column} NOT IN (SELECT article_id FROM trash)`
}

const trashCache = new WeakMap<Archive, { gen: string; any: boolean }>()

/** Whether any article is in the trash (cached per archive version): the fast paths of search
 * skip the trash condition while it is empty. */
export function anyTrashed(db: Archive): boolean {
  const gen = generation(db)
  const hit = trashCache.get(db)
  if (hit && hit.gen === gen) return hit.any
  const any = stmt(db, `SELECT EXISTS (SELECT 1 FROM trash)`).pluck().get() === 1
  trashCache.set(db, { gen, any })
  return any
}

/** True while the archive has no edits and no trash: what is shown is what was imported, and
 * the fast paths that read the imported columns straight off their indexes are exact. */
export function showsImported(db: Archive): boolean {
  return editedFields(db).size === 0 && !anyTrashed(db)
}
