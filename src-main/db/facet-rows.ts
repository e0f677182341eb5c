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
