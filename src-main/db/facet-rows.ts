import type { Archive } from './open'

// The raw rows search/facet-index.ts builds its in-memory facet arrays from, as plain tuples
// (raw() skips building an object per row: these read the whole archive).

export function maxArticleId(db: Archive): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM articles`).get() as { m: number }).m
}

/** Each article's id, language, source name and year. */
export function articleFacetRows(
  db: Archive,
): Iterable<[number, string | null, string | null, string | null]> {
  return db
    .prepare(`SELECT id, lang, source_name, substr(date, 1, 4) FROM articles`)
    .raw()
    .iterate() as Iterable<[number, string | null, string | null, string | null]>
}

/** Every (article id, label id) pair, by article. */
export function articleLabelPairs(db: Archive): [number, number][] {
  return db
    .prepare(`SELECT article_id, label_id FROM article_labels ORDER BY article_id`)
    .raw()
    .all() as [number, number][]
}

export function allLabels(db: Archive): [number, string, string][] {
  return db.prepare(`SELECT id, kind, name FROM labels`).raw().all() as [number, string, string][]
}

/** Every article id, newest first (undated last), read backwards off the date index. */
export function idsNewestFirst(db: Archive): number[] {
  return db.prepare(`SELECT id FROM articles ORDER BY date DESC, id DESC`).pluck().all() as number[]
}

export function datedCount(db: Archive): number {
  return db.prepare(`SELECT count(date) FROM articles`).pluck().get() as number
}

/** [facet, name, count] over the whole archive, each off an index: for the first list after
 * start, before the in-memory facet index exists. */
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
