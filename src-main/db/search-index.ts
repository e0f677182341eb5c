import { stmt } from './stmt'
import type { Archive } from './open'
import { toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'

/**
 * The one place that decides what of an article is searchable: its body and its title as
 * shown (the user's edit of the title when there is one, the imported title otherwise).
 * `plain`: plainText(markdown) when the caller has it already (the importer lexes each article
 * once, for pictures and this).
 */
export function indexArticle(
  db: Archive,
  id: number,
  title: string,
  markdown: string,
  plain = plainText(markdown),
): void {
  indexText(db, id, shownTitle(db, id) ?? title, plain)
}

function shownTitle(db: Archive, id: number): string | undefined {
  let find
  try {
    find = stmt(
      db,
      `SELECT value ->> '$' FROM article_edits WHERE article_id = ? AND field = 'title'
         AND owner = 'user'`,
    )
  } catch {
    // An archive not yet at 0007 (a migration's own test writes articles at older versions)
    // has no edits to show.
    return undefined
  }
  return find.pluck().get(id) as string | undefined
}

function indexText(db: Archive, id: number, title: string, plain: string): void {
  stmt(db, `DELETE FROM articles_fts WHERE rowid = ?`).run(id)
  stmt(db, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
    id,
    toIndexText(title),
    toIndexText(plain),
  )
}

/** Indexes articles again after their shown title changed (an edit, a reset, an undo). */
export function reindexArticles(db: Archive, ids: Iterable<number>): void {
  const row = stmt(
    db,
    `SELECT a.title, t.markdown FROM articles a JOIN article_texts t ON t.article_id = a.id
      WHERE a.id = ?`,
  )
  for (const id of ids) {
    const r = row.get(id) as { title: string; markdown: string } | undefined
    if (r) indexArticle(db, id, r.title, r.markdown)
  }
}

/** Used by migrations that change tokenization: the index is derived data, rebuilt from articles.
 * Read in id-ordered pages: better-sqlite3 cannot write while an iterator is open. */
export function rebuildSearchIndex(db: Archive): void {
  // Migrations before 0007 rebuild too, when there are no edits yet (nor their table).
  const edits = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'article_edits'`).get()
  const index = edits
    ? indexArticle
    : (d: Archive, id: number, title: string, markdown: string) =>
        indexText(d, id, title, plainText(markdown))
  db.exec(`DELETE FROM articles_fts`)
  const page = stmt(
    db,
    `SELECT a.id, a.title, t.markdown FROM articles a JOIN article_texts t ON t.article_id = a.id
      WHERE a.id > ? ORDER BY a.id LIMIT 500`,
  )
  let after = 0
  for (;;) {
    const rows = page.all(after) as { id: number; title: string; markdown: string }[]
    if (rows.length === 0) return
    for (const r of rows) index(db, r.id, r.title, r.markdown)
    after = rows[rows.length - 1]!.id
  }
}
