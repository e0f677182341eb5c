import { stmt } from './stmt'
import type { Archive } from './open'

/** Every article not in the trash, oldest first (undated ones last): the whole archive. */
export function allArticleIds(db: Archive): number[] {
  return stmt(
    db,
    `SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM trash)
      ORDER BY date IS NULL, date, id`,
  )
    .pluck()
    .all() as number[]
}

/** Which of `ids` are articles. */
export function existingArticleIds(db: Archive, ids: number[]): number[] {
  if (ids.length === 0) return []
  return stmt(db, `SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))`)
    .pluck()
    .all(JSON.stringify(ids)) as number[]
}
