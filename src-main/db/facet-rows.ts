import type { Archive } from './open'
import { anyTrashed, editedFields, notTrashedSql, shownSql } from './shown'
import { LOCAL_OWNER } from '../shared/auth'

// The raw rows search/facet-index.ts builds its in-memory facet arrays from, as plain tuples
// (raw() skips building an object per row: these read the whole archive).

export function maxArticleId(db: Archive): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM articles`).get() as { m: number }).m
}

export type FacetColumn = 'lang' | 'source' | 'year'

// Reading a column for every article scans the whole (wide) articles table: half a second at
// 100,000 articles. Each facet has an index, so each value's ids are read off it instead, as
// plain numbers (no row objects): a few milliseconds per facet.
const DISTINCT: Record<FacetColumn, string> = {
  lang: `SELECT DISTINCT lang FROM articles WHERE lang <> ''`,
  source: `SELECT DISTINCT source_name FROM articles WHERE source_name <> ''`,
  year: `SELECT DISTINCT substr(date, 1, 4) AS y FROM articles WHERE y <> ''`,
}
const IDS: Record<FacetColumn, string> = {
  lang: `SELECT id FROM articles WHERE lang = ?`,
  source: `SELECT id FROM articles WHERE source_name = ?`,
  // A range on the date index: the dates of a year sort between 'YYYY' and 'YYYY\uffff'.
  year: `SELECT id FROM articles WHERE date >= ? AND date < ? || char(65535)`,
}

/** Each value of a facet with the ids of the articles that have it. */
export function* facetValueIds(db: Archive, column: FacetColumn): Iterable<[string, number[]]> {
  const ids = db.prepare(IDS[column]).pluck()
  for (const value of db.prepare(DISTINCT[column]).pluck().all() as string[]) {
    yield [value, ids.all(...(column === 'year' ? [value, value] : [value])) as number[]]
  }
}

// Packs (article id, label id) into one number so 300,000 links come back as numbers, not rows.
export const LABEL_BITS = 2 ** 24

/** Every (article id, label id) link as articleId * LABEL_BITS + labelId, by article. */
export function articleLabelLinks(db: Archive): number[] {
  return db
    .prepare(
      `SELECT article_id * ${LABEL_BITS} + label_id FROM article_labels ORDER BY article_id, label_id`,
    )
    .pluck()
    .all() as number[]
}

/** Each article's id, language, source name and year, as shown (the user's edits win). */
export function articleFacetRows(
  db: Archive,
): Iterable<[number, string | null, string | null, string | null]> {
  const [lang, source, date] = (['lang', 'sourceName', 'date'] as const).map((f) => shownSql(db, f))
  return db
    .prepare(`SELECT a.id, ${lang}, ${source}, substr(${date}, 1, 4) FROM articles a`)
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, string | null]>
}

/** Every (article id, label id) pair of imported labels the user has not replaced with their
 * own list of that kind (those come from editedLabelLists). */
export function articleLabelPairs(db: Archive): [number, number][] {
  const edited = editedFields(db)
  if (!edited.has('tags') && !edited.has('categories')) {
    return db.prepare(`SELECT article_id, label_id FROM article_labels`).raw().all() as [
      number,
      number,
    ][]
  }
  return db
    .prepare(
      `SELECT al.article_id, al.label_id FROM article_labels al JOIN labels l ON l.id = al.label_id
        WHERE NOT EXISTS (SELECT 1 FROM article_edits e WHERE e.article_id = al.article_id
          AND e.field = iif(l.kind = 'tag', 'tags', 'categories') AND e.owner = ?)`,
    )
    .raw()
    .all(LOCAL_OWNER) as [number, number][]
}

/** The user's own label lists: (article id, 'tag' | 'category', JSON list of names). */
export function editedLabelLists(db: Archive): [number, 'tag' | 'category', string][] {
  return db
    .prepare(
      `SELECT article_id, iif(field = 'tags', 'tag', 'category'), value FROM article_edits
        WHERE field IN ('tags', 'categories') AND owner = ?`,
    )
    .raw()
    .all(LOCAL_OWNER) as [number, 'tag' | 'category', string][]
}

export function allLabels(db: Archive): [number, string, string][] {
  return db.prepare(`SELECT id, kind, name FROM labels`).raw().all() as [number, string, string][]
}

/** Every article id not in the trash, newest first by the shown date (undated last): read
 * backwards off the date index while no date is edited; the trash is a small lookup. */
export function idsNewestFirst(db: Archive): number[] {
  return db
    .prepare(
      `SELECT a.id FROM articles a ${kept(db)} ORDER BY ${shownSql(db, 'date')} DESC, a.id DESC`,
    )
    .pluck()
    .all() as number[]
}

/** How many articles not in the trash have a shown date. */
export function datedCount(db: Archive): number {
  return db
    .prepare(`SELECT count(${shownSql(db, 'date')}) FROM articles a ${kept(db)}`)
    .pluck()
    .get() as number
}

function kept(db: Archive): string {
  return anyTrashed(db) ? `WHERE ${notTrashedSql('a.id')}` : ''
}

/** [facet, name, count] over the whole archive, each off an index: for the first list after
 * start, before the in-memory facet index exists. Imported values: only while the archive
 * has no edits and no trash (showsImported). */
export function wholeArchiveCounts(db: Archive): [string, string, number][] {
  return db
    .prepare(
      `SELECT 'languages', lang, count(*) FROM articles WHERE lang <> '' GROUP BY lang
       UNION ALL
       SELECT 'sources', source_name, count(*) FROM articles WHERE source_name <> ''
         GROUP BY source_name
       UNION ALL
       SELECT 'years', substr(date, 1, 4) AS y, count(*) FROM articles WHERE y <> '' GROUP BY y
       UNION ALL
       SELECT CASE l.kind WHEN 'tag' THEN 'tags' ELSE 'categories' END, l.name, c.n
         FROM (SELECT label_id, count(*) AS n FROM article_labels GROUP BY label_id) c
         JOIN labels l ON l.id = c.label_id`,
    )
    .raw()
    .all() as [string, string, number][]
}
