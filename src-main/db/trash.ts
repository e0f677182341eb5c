import { stmt } from './stmt'
import type { Archive } from './open'
import { touch } from './generation'
import { captureArticles, logChange } from './undo'
import { extOfMime } from '../shared/images'
import { forgetArticles } from './collections'
import type { TrashedArticle } from '../shared/types'

const list = (ids: number[]) => JSON.stringify(ids)

/** Moves articles to the trash (one transaction, undoable); returns how many were not there yet. */
export function trashArticles(db: Archive, ids: number[], now: string): number {
  return db.transaction(() => {
    const existing = existingIds(db, ids)
    const before = captureArticles(db, existing)
    const n = stmt(
      db,
      `INSERT OR IGNORE INTO trash (article_id, trashed_at)
       SELECT value, ? FROM json_each(?)`,
    ).run(now, list(existing)).changes
    logChange(db, 'trash', n, { articles: before }, now)
    touch(db)
    return n
  })()
}

export function restoreArticles(db: Archive, ids: number[], now: string): number {
  return db.transaction(() => {
    const before = captureArticles(db, ids)
    const n = stmt(
      db,
      `DELETE FROM trash WHERE article_id IN (SELECT value FROM json_each(?))`,
    ).run(list(ids)).changes
    logChange(db, 'restore', n, { articles: before }, now)
    touch(db)
    return n
  })()
}

/** The ids of the trashed articles (the trash is small beside the archive). */
export function trashedIds(db: Archive): Set<number> {
  return new Set(stmt(db, `SELECT article_id FROM trash`).pluck().all() as number[])
}

/** A page of the trash, newest first. The page is picked from the trash alone, then its titles
 * read (as edited): 5–23 ms a page with 100,000 in the trash, where the whole list took 310. */
export function trashedArticles(db: Archive, offset: number, limit: number): TrashedArticle[] {
  return stmt(
    db,
    `WITH page AS (SELECT article_id, trashed_at FROM trash
                    ORDER BY trashed_at DESC, article_id LIMIT ? OFFSET ?)
     SELECT a.id, coalesce(json_extract(e.value, '$'), a.title) AS title, p.trashed_at AS trashedAt
       FROM page p JOIN articles a ON a.id = p.article_id
       LEFT JOIN article_edits e ON e.article_id = a.id AND e.field = 'title'
      ORDER BY p.trashed_at DESC, a.id`,
  ).all(limit, offset) as TrashedArticle[]
}

export const trashCount = (db: Archive): number =>
  stmt(db, `SELECT count(*) FROM trash`).pluck().get() as number

export interface EmptiedTrash {
  articles: number
  /** Picture files no other article used, to delete from the store once committed. */
  mediaFiles: { hash: string; ext: string }[]
}

/**
 * Removes the trashed articles for good, with everything that hangs on them, in one
 * transaction. Their files are remembered so a re-import does not bring them back; their
 * pictures go too unless another article uses them. Not undoable: that is what emptying means.
 */
export function emptyTrash(db: Archive, now: string): EmptiedTrash {
  return db.transaction(() => {
    const ids = [...trashedIds(db)]
    const hashes = stmt(
      db,
      `SELECT DISTINCT r.hash, m.mime FROM image_refs r JOIN media m ON m.hash = r.hash
        WHERE r.article_id IN (SELECT value FROM json_each(?))`,
    ).all(list(ids)) as { hash: string; mime: string }[]
    stmt(
      db,
      `INSERT INTO discarded_files (path, content_hash, discarded_at)
       SELECT path, content_hash, ? FROM files
        WHERE article_id IN (SELECT value FROM json_each(?))
       ON CONFLICT (path) DO UPDATE SET content_hash = excluded.content_hash,
         discarded_at = excluded.discarded_at`,
    ).run(now, list(ids))
    // The full-text index is contentless: its rows are not tied to articles by a foreign key.
    stmt(db, `DELETE FROM articles_fts WHERE rowid IN (SELECT value FROM json_each(?))`).run(
      list(ids),
    )
    forgetArticles(db, ids)
    // Readers' highlights and notes hold their article by ON DELETE RESTRICT, so nothing else
    // can take them along; emptying the trash is the one place the user asks for that.
    stmt(db, `DELETE FROM highlights WHERE article_id IN (SELECT value FROM json_each(?))`).run(
      list(ids),
    )
    stmt(db, `DELETE FROM article_notes WHERE article_id IN (SELECT value FROM json_each(?))`).run(
      list(ids),
    )
    // what was removed, not what was asked: a caller is never told of a removal that did not happen
    const removed = stmt(
      db,
      `DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?))`,
    ).run(list(ids)).changes
    const mediaFiles: EmptiedTrash['mediaFiles'] = []
    for (const h of hashes) {
      const used = stmt(db, `SELECT 1 FROM image_refs WHERE hash = ? LIMIT 1`).get(h.hash)
      if (used) continue
      stmt(db, `DELETE FROM media WHERE hash = ?`).run(h.hash)
      const ext = extOfMime(h.mime)
      if (ext) mediaFiles.push({ hash: h.hash, ext })
    }
    // Undo entries of removed articles could no longer be carried out as a whole.
    stmt(db, `DELETE FROM undo_log`).run()
    touch(db)
    return { articles: removed, mediaFiles }
  })()
}

/** A file of an article removed for good, unchanged since: a re-import leaves it out. */
export function isDiscarded(db: Archive, path: string, hash: string): boolean {
  return (
    stmt(db, `SELECT 1 FROM discarded_files WHERE path = ? AND content_hash = ?`).get(
      path,
      hash,
    ) !== undefined
  )
}

function existingIds(db: Archive, ids: number[]): number[] {
  return (
    stmt(
      db,
      `SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(list(ids)) as { id: number }[]
  ).map((r) => r.id)
}
