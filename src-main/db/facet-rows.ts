import type { Archive } from './open'
import { editedFields, shownSql } from './shown'

// The raw rows search/facet-index.ts builds its in-memory facet arrays from, as plain tuples
// (raw() skips building an object per row: these read the whole archive).

export function maxArticleId(db: Archive): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) AS m FROM articles`).get() as { m: number }).m
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
          AND e.field = iif(l.kind = 'tag', 'tags', 'categories') AND e.owner = 'user')`,
    )
    .raw()
    .all() as [number, number][]
}

/** The user's own label lists: (article id, 'tag' | 'category', JSON list of names). */
export function editedLabelLists(db: Archive): [number, 'tag' | 'category', string][] {
  return db
    .prepare(
      `SELECT article_id, iif(field = 'tags', 'tag', 'category'), value FROM article_edits
        WHERE field IN ('tags', 'categories') AND owner = 'user'`,
    )
    .raw()
    .all() as [number, 'tag' | 'category', string][]
}

export function allLabels(db: Archive): [number, string, string][] {
  return db.prepare(`SELECT id, kind, name FROM labels`).raw().all() as [number, string, string][]
}
