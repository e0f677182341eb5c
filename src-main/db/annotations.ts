import { stmt } from './stmt'
import type { Archive } from './open'
import type { ArticleNote, Highlight, HighlightColor } from '../shared/annotations'

/** The desktop's one reader; a shared server passes each account's own name instead. */
export { LOCAL_OWNER } from '../shared/auth'

interface HighlightRow {
  id: number
  article_id: number
  quote: string
  prefix: string
  suffix: string
  start_pos: number
  end_pos: number
  note: string | null
  color: HighlightColor
  orphaned: number
  created_at: string
  updated_at: string
}

const COLUMNS = `id, article_id, quote, prefix, suffix, start_pos, end_pos, note, color, orphaned,
  created_at, updated_at`

function toHighlight(r: HighlightRow): Highlight {
  return {
    id: r.id,
    articleId: r.article_id,
    quote: r.quote,
    prefix: r.prefix,
    suffix: r.suffix,
    start: r.start_pos,
    end: r.end_pos,
    note: r.note,
    color: r.color,
    orphaned: r.orphaned === 1,
    created: r.created_at,
    updated: r.updated_at,
  }
}

export interface NewHighlight {
  articleId: number
  quote: string
  prefix: string
  suffix: string
  start: number
  end: number
  color: HighlightColor
  note: string | null
}

export function insertHighlight(
  db: Archive,
  owner: string,
  h: NewHighlight,
  now: string,
): Highlight {
  const info = stmt(
    db,
    `INSERT INTO highlights (owner, article_id, quote, prefix, suffix, start_pos, end_pos, color,
       note, created_at, updated_at)
     VALUES (@owner, @articleId, @quote, @prefix, @suffix, @start, @end, @color, @note, @now, @now)`,
  ).run({ ...h, owner, now })
  return getHighlight(db, owner, Number(info.lastInsertRowid)) as Highlight
}

export function getHighlight(db: Archive, owner: string, id: number): Highlight | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM highlights WHERE owner = ? AND id = ?`).get(
    owner,
    id,
  ) as HighlightRow | undefined
  return row ? toHighlight(row) : null
}

/** One reader's highlights, newest first; of one article in reading order. */
export function listHighlights(
  db: Archive,
  owner: string,
  opts: { articleId?: number | undefined } = {},
): Highlight[] {
  const rows =
    opts.articleId === undefined
      ? stmt(
          db,
          `SELECT ${COLUMNS} FROM highlights WHERE owner = ? ORDER BY created_at DESC, id DESC`,
        ).all(owner)
      : stmt(
          db,
          `SELECT ${COLUMNS} FROM highlights WHERE owner = ? AND article_id = ?
           ORDER BY orphaned, start_pos, id`,
        ).all(owner, opts.articleId)
  return (rows as HighlightRow[]).map(toHighlight)
}

export function updateHighlight(
  db: Archive,
  owner: string,
  id: number,
  change: { note?: string | null; color?: HighlightColor },
  now: string,
): Highlight | null {
  const old = getHighlight(db, owner, id)
  if (!old) return null
  const note = change.note === undefined ? old.note : change.note === '' ? null : change.note
  stmt(
    db,
    `UPDATE highlights SET note = ?, color = ?, updated_at = ? WHERE owner = ? AND id = ?`,
  ).run(note, change.color ?? old.color, now, owner, id)
  return getHighlight(db, owner, id)
}

export function deleteHighlight(db: Archive, owner: string, id: number): boolean {
  return stmt(db, `DELETE FROM highlights WHERE owner = ? AND id = ?`).run(owner, id).changes > 0
}

/** Every reader's highlights on one article: a re-import re-anchors them all. */
export function highlightsOfArticle(db: Archive, articleId: number): Highlight[] {
  const rows = stmt(db, `SELECT ${COLUMNS} FROM highlights WHERE article_id = ?`).all(articleId)
  return (rows as HighlightRow[]).map(toHighlight)
}

export function hasHighlights(db: Archive, articleId: number): boolean {
  return (
    stmt(db, `SELECT 1 FROM highlights WHERE article_id = ? LIMIT 1`).get(articleId) !== undefined
  )
}

/** Where a re-anchored highlight now stands; an orphan keeps its last known offsets. */
export function placeHighlight(
  db: Archive,
  id: number,
  place: { start: number; end: number } | null,
  now: string,
): void {
  if (place) {
    stmt(
      db,
      `UPDATE highlights SET start_pos = ?, end_pos = ?, orphaned = 0, updated_at = ? WHERE id = ?`,
    ).run(place.start, place.end, now, id)
  } else {
    stmt(db, `UPDATE highlights SET orphaned = 1, updated_at = ? WHERE id = ?`).run(now, id)
  }
}

interface NoteRow {
  article_id: number
  note: string
  created_at: string
  updated_at: string
}

export function getArticleNote(db: Archive, owner: string, articleId: number): ArticleNote | null {
  const r = stmt(
    db,
    `SELECT article_id, note, created_at, updated_at FROM article_notes
     WHERE owner = ? AND article_id = ?`,
  ).get(owner, articleId) as NoteRow | undefined
  return r
    ? { articleId: r.article_id, note: r.note, created: r.created_at, updated: r.updated_at }
    : null
}

/** Sets the note on a whole article; empty text removes it. */
export function setArticleNote(
  db: Archive,
  owner: string,
  articleId: number,
  note: string,
  now: string,
): ArticleNote | null {
  if (note.trim() === '') {
    stmt(db, `DELETE FROM article_notes WHERE owner = ? AND article_id = ?`).run(owner, articleId)
    return null
  }
  stmt(
    db,
    `INSERT INTO article_notes (owner, article_id, note, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (owner, article_id) DO UPDATE SET note = excluded.note,
       updated_at = excluded.updated_at`,
  ).run(owner, articleId, note, now, now)
  return getArticleNote(db, owner, articleId)
}
