import { stmt } from './stmt'
import type { Archive } from './open'

/** What the archive remembers of one file path, to classify the next import of it. */
export interface FileRecord {
  path: string
  articleId: number
  contentHash: string
  size: number
  mtimeMs: number
}

export function getFile(db: Archive, path: string): FileRecord | null {
  const row = stmt(
    db,
    `SELECT path, article_id AS articleId, content_hash AS contentHash, size, mtime_ms AS mtimeMs
         FROM files WHERE path = ?`,
  ).get(path) as FileRecord | undefined
  return row ?? null
}

export function putFile(db: Archive, f: FileRecord, now: string): void {
  stmt(
    db,
    `INSERT INTO files (path, article_id, content_hash, size, mtime_ms, seen_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id,
       content_hash = excluded.content_hash, size = excluded.size, mtime_ms = excluded.mtime_ms,
       seen_at = excluded.seen_at`,
  ).run(f.path, f.articleId, f.contentHash, f.size, f.mtimeMs, now)
}
