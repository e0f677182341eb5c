import { stmt } from './stmt'
import type { Archive } from './open'

// What search asks of the reader's highlights and notes, apart from the article tables.

/** Of the articles `ids` (null: the whole archive), how many `owner` highlighted and how many
 * carry a note of theirs (on the article or on a highlight). A reader's marked articles are few
 * next to a search's hits, so they are read once and the hits checked against them. */
export function annotationFacets(
  db: Archive,
  owner: string,
  ids: ArrayLike<number> | null,
): { highlighted: number; noted: number } {
  const highlighted = new Set(
    stmt(
      db,
      `SELECT DISTINCT article_id FROM highlights
        WHERE owner = ? AND article_id NOT IN (SELECT article_id FROM trash)`,
    )
      .pluck()
      .all(owner) as number[],
  )
  const noted = new Set(
    stmt(
      db,
      `SELECT article_id FROM article_notes WHERE owner = ?
         AND article_id NOT IN (SELECT article_id FROM trash)
       UNION SELECT article_id FROM highlights
         WHERE owner = ? AND note IS NOT NULL AND note <> ''
           AND article_id NOT IN (SELECT article_id FROM trash)`,
    )
      .pluck()
      .all(owner, owner) as number[],
  )
  if (ids === null) return { highlighted: highlighted.size, noted: noted.size }
  let h = 0
  let n = 0
  if (highlighted.size + noted.size === 0) return { highlighted: 0, noted: 0 }
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number
    if (highlighted.has(id)) h++
    if (noted.has(id)) n++
  }
  return { highlighted: h, noted: n }
}
