import { stmt } from './stmt'
import type { Archive } from './open'
import { getArticle } from './articles'
import type { Article, ArticleEdit, EditableField } from '../shared/types'
import { LOCAL_OWNER } from '../shared/auth'

// Edits change the archive for every reader, so they are the archive's local user's (an editor
// on a server edits in their name too): one owner, LOCAL_OWNER, as for the trash and merges.
const OWNER = LOCAL_OWNER

/** The user's values of one article, field by field (a field absent: the imported one shows). */
export function editsOf(db: Archive, articleId: number): ArticleEdit {
  const rows = stmt(
    db,
    `SELECT field, value FROM article_edits WHERE article_id = ? AND owner = ? ORDER BY field`,
  ).all(articleId, OWNER) as { field: EditableField; value: string }[]
  const out: Record<string, unknown> = {}
  for (const r of rows) out[r.field] = JSON.parse(r.value)
  return out as ArticleEdit
}

export function putEdit<F extends EditableField>(
  db: Archive,
  articleId: number,
  field: F,
  value: Article[F],
  now: string,
): void {
  stmt(
    db,
    `INSERT INTO article_edits (owner, article_id, field, value, edited_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (article_id, field, owner) DO UPDATE SET value = excluded.value,
       edited_at = excluded.edited_at`,
  ).run(OWNER, articleId, field, JSON.stringify(value), now)
}

export function dropEdit(db: Archive, articleId: number, field: EditableField): void {
  stmt(db, `DELETE FROM article_edits WHERE article_id = ? AND field = ? AND owner = ?`).run(
    articleId,
    field,
    OWNER,
  )
}

/** How many fields the user has edited on one article (what a re-import keeps). */
export function editedFieldCount(db: Archive, articleId: number): number {
  return (
    stmt(db, `SELECT count(*) AS n FROM article_edits WHERE article_id = ?`).get(articleId) as {
      n: number
    }
  ).n
}

export function isTrashed(db: Archive, articleId: number): boolean {
  return stmt(db, `SELECT 1 FROM trash WHERE article_id = ?`).get(articleId) !== undefined
}

/**
 * An article as the user sees it: the imported values with the user's edits over them, plus
 * what the archive knows of its state (trash, missing source, revisions).
 */
export function shownArticle(db: Archive, id: number): Article | null {
  const a = getArticle(db, id)
  if (!a) return null
  const edits = editsOf(db, id)
  const edited = Object.keys(edits) as EditableField[]
  const imported: Record<string, unknown> = {}
  for (const f of edited) imported[f] = a[f]
  const state = stmt(
    db,
    `SELECT source_missing AS missing,
            (SELECT count(*) FROM revisions WHERE article_id = a.id) AS revisions
       FROM articles a WHERE a.id = ?`,
  ).get(id) as { missing: number; revisions: number }
  return {
    ...a,
    ...edits,
    edited,
    imported: imported as ArticleEdit,
    trashed: isTrashed(db, id),
    sourceMissing: state.missing === 1,
    revisions: state.revisions,
  }
}
