import { stmt } from './stmt'
import type { Archive } from './open'
import { toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'

/** The index's text for an article from its title and plain text (plainText of its Markdown):
 * import/prepare.ts makes it in the parse workers, from the lexing that also found the pictures. */
export function indexText(title: string, plain: string): { title: string; body: string } {
  return { title: toIndexText(title), body: toIndexText(plain) }
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
  const text = opts.text ?? indexText(title, plainText(markdown))
  const write = () => {
    if (!opts.fresh) stmt(db, `DELETE FROM articles_fts WHERE rowid = ?`).run(id)
    stmt(db, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
      id,
      text.title,
      text.body,
    )
  }
  const held = heldBack.get(db)
  if (held) held.push(write)
  else write()
}

const heldBack = new WeakMap<Archive, (() => void)[]>()

/**
 * Runs `write` (inside a transaction) with the index's own writes held back to its end, in order.
 * Why: FTS5 flushes the terms it holds in memory to a new on-disk segment whenever another
 * statement opens a savepoint, and most do (an upsert, a write under foreign keys). Index rows
 * written between other rows made one tiny segment per article and endless merging; held back,
 * a whole batch goes in as one segment, as in a bulk load. Nothing reads the index in between.
 */
export function withIndexWritesLast<T>(db: Archive, write: () => T): T {
  if (heldBack.has(db)) return write()
  const held: (() => void)[] = []
  heldBack.set(db, held)
  let out: T
  try {
    out = write()
  } finally {
    heldBack.delete(db)
  }
  for (const w of held) w()
  return out
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
