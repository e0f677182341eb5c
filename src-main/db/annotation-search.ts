import { stmt } from './stmt'
import type { Archive } from './open'

// What search asks of the reader's highlights and notes, apart from the article tables.

/** Of the hits in `temp.hits` (see search/search.ts), how many `owner` highlighted and how many
 * carry a note of theirs (on the article or on a highlight). */
export function annotationFacets(
  db: Archive,
  owner: string,
): { highlighted: number; noted: number } {
  const row = stmt(
    db,
    `SELECT
       (SELECT count(*) FROM temp.hits t WHERE EXISTS
          (SELECT 1 FROM highlights h WHERE h.article_id = t.id AND h.owner = @owner)) AS highlighted,
       (SELECT count(*) FROM temp.hits t WHERE EXISTS
          (SELECT 1 FROM article_notes n WHERE n.article_id = t.id AND n.owner = @owner)
          OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = t.id AND h.owner = @owner
                       AND h.note IS NOT NULL AND h.note <> '')) AS noted`,
  ).get({ owner }) as { highlighted: number; noted: number }
  return row
}
