import { stmt } from './stmt'
import type { Archive } from './open'
import { indexTextOf, normalizeText, toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'

/**
 * The one place that decides what of an article is searchable. `plain`: plainText(markdown)
 * when the caller has it already (the importer lexes each article once, for pictures and this);
 * `folded`: normalizeText(plain), likewise (story clusters compare the same folded text).
 */
export function indexArticle(
  db: Archive,
  id: number,
  title: string,
  markdown: string,
  plain = plainText(markdown),
  folded = normalizeText(plain),
): void {
  stmt(db, `DELETE FROM articles_fts WHERE rowid = ?`).run(id)
  stmt(db, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
    id,
    toIndexText(title),
    indexTextOf(folded),
  )
}

/** Used by migrations that change tokenization: the index is derived data, rebuilt from articles.
 * Read in id-ordered pages: better-sqlite3 cannot write while an iterator is open. */
export function rebuildSearchIndex(db: Archive): void {
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
    for (const r of rows) indexArticle(db, r.id, r.title, r.markdown)
    after = rows[rows.length - 1]!.id
  }
}
