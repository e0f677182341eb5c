import type { Archive } from './open'
import { stmt } from './stmt'
import { ascending, idsIn, readIds } from './id-list'
import type { ReadingState } from '../shared/organise'

// Reading status: read or not, and where the reader stopped, per reader and article. A row
// exists only once something happened; no row means unread and never opened.

export function readingState(db: Archive, owner: string, articleId: number): ReadingState {
  const row = stmt(
    db,
    `SELECT read, position FROM reading_status WHERE owner = ? AND article_id = ?`,
  ).get(owner, articleId) as { read: number; position: number | null } | undefined
  return { read: row?.read === 1, position: row?.position ?? null }
}

/** Marks read (or unread); returns how many changed (the others already were). */
export function setRead(
  db: Archive,
  owner: string,
  articleIds: number[],
  read: boolean,
  now: string,
): number {
  const put = stmt(
    db,
    `INSERT INTO reading_status (owner, article_id, read, read_at, updated_at)
     SELECT @owner, @id, @read, @readAt, @now WHERE EXISTS (SELECT 1 FROM articles WHERE id = @id)
     ON CONFLICT (owner, article_id) DO UPDATE SET read = @read, read_at = @readAt,
       updated_at = @now
     WHERE read <> @read`,
  )
  const r = read ? 1 : 0
  return db.transaction(() => {
    let changed = 0
    for (const id of articleIds) {
      // Inserting an unread row for an article never touched changes nothing a reader sees.
      if (!read && !hasRow(db, owner, id)) continue
      changed += put.run({ owner, id, read: r, readAt: read ? now : null, now }).changes
    }
    return changed
  })()
}

function hasRow(db: Archive, owner: string, id: number): boolean {
  return (
    stmt(db, `SELECT 1 FROM reading_status WHERE owner = ? AND article_id = ?`).get(owner, id) !==
    undefined
  )
}

export function savePosition(
  db: Archive,
  owner: string,
  articleId: number,
  position: number,
  now: string,
): void {
  stmt(
    db,
    `INSERT INTO reading_status (owner, article_id, position, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (owner, article_id) DO UPDATE SET position = excluded.position,
       updated_at = excluded.updated_at`,
  ).run(owner, articleId, position, now)
}

/** How many of these ids the reader has not read. */
export function countUnread(db: Archive, owner: string, ids: ArrayLike<number>): number {
  return ids.length - readAmong(db, owner, ids).length
}

/** Those of these ids the reader has read, ascending. */
export function readAmong(db: Archive, owner: string, ids: ArrayLike<number>): Int32Array {
  if (ids.length === 0) return new Int32Array(0)
  const read = readIds(
    db,
    `SELECT article_id AS id FROM reading_status WHERE owner = ? AND read = 1`,
    [owner],
  )
  return idsIn(ascending(ids), read)
}
