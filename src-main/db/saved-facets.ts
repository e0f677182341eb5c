import type { Archive } from './open'
import { stamp } from './generation'
import { currentVersion } from './migrations/index'
import { maxArticleId } from './facet-rows'
import { stmt } from './stmt'

// The facet index kept in the archive (migration 0012): its arrays as they are in memory, the
// rest as JSON. What it is checked against when read: the archive's stamp (every write the index
// depends on moves it), the schema version (a later migration may change what it counts), and
// the largest article id (an article written by a hand outside Lectern). Every Archive has the
// table: openArchive migrates, or refuses an older archive it may not write.

export interface SavedFacetRow {
  meta: string
  order: Buffer
  lang: Buffer
  source: Buffer
  year: Buffer
  labelStart: Buffer
  labelIds: Buffer
}

/** Whether an index is kept and is of the archive as it is now (its bytes unread). */
export function savedFacetsCurrent(db: Archive): boolean {
  const kept = stmt(
    db,
    `SELECT stamp, schema_version AS version, max_id AS maxId FROM saved_facets`,
  ).get() as { stamp: number; version: number; maxId: number } | undefined
  return (
    kept !== undefined &&
    kept.stamp === stamp(db) &&
    kept.version === currentVersion(db) &&
    kept.maxId === maxArticleId(db)
  )
}

/** The saved index if it is the archive as it is now; null otherwise (or none saved). Its
 * bytes are read only once it is known to be current. */
export function readSavedFacets(db: Archive): SavedFacetRow | null {
  if (!savedFacetsCurrent(db)) return null
  return stmt(
    db,
    `SELECT meta, order_ids AS "order", lang, source, year, label_start AS labelStart,
            label_ids AS labelIds
       FROM saved_facets WHERE id = 1`,
  ).get() as SavedFacetRow
}

/** The stamp the saved index was made at (-1: none saved). */
export function savedFacetsStamp(db: Archive): number {
  const n = stmt(db, `SELECT stamp FROM saved_facets WHERE id = 1`).pluck().get()
  return typeof n === 'number' ? n : -1
}

/**
 * Keeps `row` as the index of the archive as it is now. `unchanged` is asked once this
 * connection holds the write lock: whether the archive is still the one the index was made of
 * (nothing written since, by anyone); if not, nothing is kept. True when kept.
 */
export function writeSavedFacets(
  db: Archive,
  row: SavedFacetRow,
  unchanged: () => boolean,
): boolean {
  return db
    .transaction(() => {
      if (!unchanged()) return false
      stmt(
        db,
        `INSERT OR REPLACE INTO saved_facets
         (id, stamp, schema_version, max_id, meta, order_ids, lang, source, year, label_start,
          label_ids)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        stamp(db),
        currentVersion(db),
        maxArticleId(db),
        row.meta,
        row.order,
        row.lang,
        row.source,
        row.year,
        row.labelStart,
        row.labelIds,
      )
      return true
    })
    .immediate()
}
