import { stmt } from './stmt'
import type { Archive } from './open'
import { indexTextOf, normalizeText, toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'

/** The index's text for an article from its title and plain text (plainText of its Markdown):
 * import/prepare.ts makes it in the parse workers, from the lexing that also found the pictures.
 * `folded`: normalizeText(plain) when the caller has it (story clusters compare the same text). */
export function indexText(
  title: string,
  plain: string,
  folded = normalizeText(plain),
): { title: string; body: string } {
  return { title: toIndexText(title), body: indexTextOf(folded) }
}

/** The one place that decides what of an article is searchable. `fresh`: a new id, nothing to
 * replace; `text`: indexText() already made (by the importer's workers). */
export function indexArticle(
  db: Archive,
  id: number,
  title: string,
  markdown: string,
  opts: { fresh?: boolean; text?: { title: string; body: string } | undefined } = {},
): void {
  if (!opts.fresh) stmt(db, `DELETE FROM articles_fts WHERE rowid = ?`).run(id)
  const text = opts.text ?? indexText(title, plainText(markdown))
  stmt(db, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
    id,
    text.title,
    text.body,
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
