import { stmt } from './stmt'
import type { Archive } from './open'
import { touch } from './generation'
import { reindexArticles } from './search-index'
import type { ChangeSummary } from '../shared/types'

// Undo keeps the rows a change replaced, not an inverse operation per kind of change: putting
// the old rows back is the same code for every change, and cannot drift from what each did.

interface EditRow {
  owner: string
  article_id: number
  field: string
  value: string
  edited_at: string
}
interface TrashRow {
  owner: string
  article_id: number
  trashed_at: string
}
interface AliasRow {
  owner: string
  kind: string
  key: string
  into_name: string
  created_at: string
}

/** The user's rows about some articles (edits, trash), as they were before a change. */
export interface ArticlesBefore {
  ids: number[]
  edits: EditRow[]
  trash: TrashRow[]
}

/** Label links, spellings and merges of some labels, as they were before a merge or rename. */
export interface LabelsBefore {
  kind: string
  labelIds: number[]
  links: { article_id: number; label_id: number }[]
  names: { id: number; name: string }[]
  aliases: AliasRow[]
}

export interface Before {
  articles: ArticlesBefore
  labels?: LabelsBefore
}

const ids = (list: number[]) => JSON.stringify(list)

export function captureArticles(db: Archive, articleIds: number[]): ArticlesBefore {
  return {
    ids: articleIds,
    edits: stmt(
      db,
      `SELECT owner, article_id, field, value, edited_at FROM article_edits
        WHERE article_id IN (SELECT value FROM json_each(?))`,
    ).all(ids(articleIds)) as EditRow[],
    trash: stmt(
      db,
      `SELECT owner, article_id, trashed_at FROM trash
        WHERE article_id IN (SELECT value FROM json_each(?))`,
    ).all(ids(articleIds)) as TrashRow[],
  }
}

export function captureLabels(db: Archive, kind: string, labelIds: number[]): LabelsBefore {
  const list = ids(labelIds)
  return {
    kind,
    labelIds,
    links: stmt(
      db,
      `SELECT article_id, label_id FROM article_labels
        WHERE label_id IN (SELECT value FROM json_each(?))`,
    ).all(list) as LabelsBefore['links'],
    names: stmt(db, `SELECT id, name FROM labels WHERE id IN (SELECT value FROM json_each(?))`).all(
      list,
    ) as LabelsBefore['names'],
    aliases: stmt(
      db,
      `SELECT owner, kind, key, into_name, created_at FROM label_aliases WHERE kind = ?`,
    ).all(kind) as AliasRow[],
  }
}

const KEEP = 50

export function logChange(
  db: Archive,
  action: string,
  articles: number,
  before: Before,
  now: string,
): number {
  const info = stmt(
    db,
    `INSERT INTO undo_log (action, summary, before, created_at) VALUES (?, ?, ?, ?)`,
  ).run(action, JSON.stringify({ articles }), JSON.stringify(before), now)
  stmt(db, `DELETE FROM undo_log WHERE id <= ?`).run(Number(info.lastInsertRowid) - KEEP)
  return Number(info.lastInsertRowid)
}

export function listChanges(db: Archive): ChangeSummary[] {
  const rows = stmt(
    db,
    `SELECT id, action, summary, created_at FROM undo_log ORDER BY id DESC LIMIT ?`,
  ).all(KEEP) as { id: number; action: string; summary: string; created_at: string }[]
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    articles: (JSON.parse(r.summary) as { articles: number }).articles,
    at: r.created_at,
  }))
}

/** Undoes the newest change still in the log, in one transaction; null when there is none. */
export function undoLast(db: Archive): ChangeSummary | null {
  return db.transaction(() => {
    const last = listChanges(db)[0]
    if (!last) return null
    const row = stmt(db, `SELECT before FROM undo_log WHERE id = ?`).get(last.id) as {
      before: string
    }
    restore(db, JSON.parse(row.before) as Before)
    stmt(db, `DELETE FROM undo_log WHERE id = ?`).run(last.id)
    touch(db)
    return last
  })()
}

function restore(db: Archive, b: Before): void {
  const list = ids(b.articles.ids)
  const retitled = new Set(
    stmt(
      db,
      `SELECT article_id FROM article_edits WHERE field = 'title'
        AND article_id IN (SELECT value FROM json_each(?))`,
    )
      .pluck()
      .all(list) as number[],
  )
  for (const r of b.articles.edits) if (r.field === 'title') retitled.add(r.article_id)
  stmt(db, `DELETE FROM article_edits WHERE article_id IN (SELECT value FROM json_each(?))`).run(
    list,
  )
  stmt(db, `DELETE FROM trash WHERE article_id IN (SELECT value FROM json_each(?))`).run(list)
  const edit = stmt(
    db,
    `INSERT INTO article_edits (owner, article_id, field, value, edited_at)
     SELECT @owner, @article_id, @field, @value, @edited_at
      WHERE EXISTS (SELECT 1 FROM articles WHERE id = @article_id)`,
  )
  for (const r of b.articles.edits) edit.run(r)
  const trash = stmt(
    db,
    `INSERT INTO trash (owner, article_id, trashed_at) SELECT @owner, @article_id, @trashed_at
      WHERE EXISTS (SELECT 1 FROM articles WHERE id = @article_id)`,
  )
  for (const r of b.articles.trash) trash.run(r)
  if (b.labels) restoreLabels(db, b.labels)
  // A title edit taken back changes what the full-text index must hold.
  reindexArticles(db, retitled)
}

function restoreLabels(db: Archive, l: LabelsBefore): void {
  stmt(db, `DELETE FROM article_labels WHERE label_id IN (SELECT value FROM json_each(?))`).run(
    ids(l.labelIds),
  )
  const link = stmt(
    db,
    `INSERT OR IGNORE INTO article_labels (article_id, label_id)
     SELECT @article_id, @label_id WHERE EXISTS (SELECT 1 FROM articles WHERE id = @article_id)`,
  )
  for (const r of l.links) link.run(r)
  const name = stmt(db, `UPDATE labels SET name = ? WHERE id = ?`)
  for (const r of l.names) name.run(r.name, r.id)
  stmt(db, `DELETE FROM label_aliases WHERE kind = ?`).run(l.kind)
  const alias = stmt(
    db,
    `INSERT INTO label_aliases (owner, kind, key, into_name, created_at)
     VALUES (@owner, @kind, @key, @into_name, @created_at)`,
  )
  for (const r of l.aliases) alias.run(r)
}
