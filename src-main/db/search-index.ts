import type { Archive } from './open'
import { toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'

/** The one place that decides what of an article is searchable. */
export function indexArticle(db: Archive, id: number, title: string, markdown: string): void {
  db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`).run(id)
  db.prepare(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
    id,
    toIndexText(title),
    toIndexText(plainText(markdown)),
  )
}

/** Used by migrations that change tokenization: the index is derived data, rebuilt from articles. */
export function rebuildSearchIndex(db: Archive): void {
  db.exec(`DELETE FROM articles_fts`)
  const rows = db.prepare(`SELECT id, title, markdown FROM articles`).iterate() as Iterable<{
    id: number
    title: string
    markdown: string
  }>
  const insert = db.prepare(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`)
  for (const r of rows) insert.run(r.id, toIndexText(r.title), toIndexText(plainText(r.markdown)))
}
