import type { Archive } from './open'
import { stmt } from './stmt'
import { anyTrashed, editedFields, notTrashedSql, shownSql } from './shown'

// The whole archive's list (nothing typed, no filter) is what the app shows first, before the
// facet index exists (it is built in a worker after the first answer: 7.7 s at a million
// articles). Reading it with a search's machinery read every article's id and sorted them, and
// counted the facets over every article in SQL: at a million articles the app's first page took
// 1.2–4.8 s, the facets alone 3 s. These reads take only the page, off the date index.

// Undated articles come last both ways (DESC puts NULL last by itself). Relevance ties go to the
// newer import. `date`: the shown date's SQL (shownSql).
export const DATE_ORDER = {
  newest: (date: string) => `${date} DESC, a.id DESC`,
  oldest: (date: string) => `${date} IS NULL, ${date} ASC, a.id ASC`,
} as const

/** Articles `offset .. offset + n` of the whole archive in date order, trash left out. Off the
 * date index, unless a date was edited (then SQLite sorts the shown dates: exact, slower). */
export function wholeListPage(
  db: Archive,
  sort: 'newest' | 'oldest',
  n: number,
  offset = 0,
): number[] {
  const date = editedFields(db).has('date') ? shownSql(db, 'date') : 'a.date'
  const kept = anyTrashed(db) ? `WHERE ${notTrashedSql('a.id')}` : ''
  return stmt(
    db,
    `SELECT a.id FROM articles a ${kept} ORDER BY ${DATE_ORDER[sort](date)} LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(n, offset) as number[]
}

/** How many articles the archive has outside the trash. */
export function wholeListTotal(db: Archive): number {
  // (a trash row is deleted with its article)
  return stmt(db, `SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM trash)`)
    .pluck()
    .get() as number
}

/** [story, trashed, story shown] of every later version (an article whose story is named after
 * another): `trashed` 1 when the article is in the trash, `story shown` 1 when the article its
 * story is named after is in the archive and not in the trash. */
export function laterVersionsShown(db: Archive): [number, number, number][] {
  return stmt(
    db,
    `SELECT sm.cluster_id, sm.article_id IN (SELECT article_id FROM trash),
       EXISTS (SELECT 1 FROM articles a WHERE a.id = sm.cluster_id)
         AND sm.cluster_id NOT IN (SELECT article_id FROM trash)
       FROM story_members sm WHERE sm.cluster_id IS NOT NULL AND sm.cluster_id <> sm.article_id`,
  )
    .raw()
    .all() as [number, number, number][]
}
