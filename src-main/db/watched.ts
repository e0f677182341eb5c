import { stmt } from './stmt'
import type { Archive } from './open'
import { touch } from './generation'

export function watchedFolders(db: Archive): string[] {
  return (
    stmt(db, `SELECT path FROM watched_folders ORDER BY path`).all() as { path: string }[]
  ).map((r) => r.path)
}

export function addWatchedFolder(db: Archive, path: string, now: string): void {
  stmt(db, `INSERT OR IGNORE INTO watched_folders (path, added_at) VALUES (?, ?)`).run(path, now)
}

export function removeWatchedFolder(db: Archive, path: string): void {
  stmt(db, `DELETE FROM watched_folders WHERE path = ?`).run(path)
}

/** The file an article was imported from is gone; the article stays, marked. Returns how many. */
export function markSourceMissing(db: Archive, path: string): number {
  const n = stmt(
    db,
    `UPDATE articles SET source_missing = 1 WHERE path = ? AND source_missing = 0`,
  ).run(path).changes
  // A duplicate's file is only a record of where a copy was seen: forget it.
  stmt(
    db,
    `DELETE FROM files WHERE path = ? AND article_id NOT IN (SELECT id FROM articles WHERE path = ?)`,
  ).run(path, path)
  if (n > 0) touch(db)
  return n
}

/** The article's file was seen again at its path: it is not missing any more. */
export function markSourceSeen(db: Archive, id: number, path: string): void {
  stmt(
    db,
    `UPDATE articles SET source_missing = 0 WHERE id = ? AND path = ? AND source_missing = 1`,
  ).run(id, path)
}

/** A file moved: the article takes the new path, and the old path is forgotten. */
export function moveArticlePath(db: Archive, id: number, path: string, folder: string): void {
  const old = stmt(db, `SELECT path FROM articles WHERE id = ?`).get(id) as { path: string }
  stmt(db, `UPDATE articles SET path = ?, folder = ?, source_missing = 0 WHERE id = ?`).run(
    path,
    folder,
    id,
  )
  stmt(db, `DELETE FROM files WHERE path = ?`).run(old.path)
  touch(db)
}
