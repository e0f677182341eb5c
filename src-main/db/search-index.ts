import { stmt } from './stmt'
import type { Archive } from './open'
import { indexTextOf, normalizeText, toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'
import { LOCAL_OWNER } from '../shared/auth'
import { asString, type StoredText } from './stored-text'
import { indexRewritten } from './common-pairs'

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

/**
 * The one place that decides what of an article is searchable: its body and its title as
 * shown (the user's edit of the title when there is one, the imported title otherwise).
 * `fresh`: a new id, nothing to replace (and no edit yet); `text`: indexText() already made by
 * the importer's workers from the imported title, remade here only for an article whose title
 * the user edited (one primary-key probe per re-imported article).
 */
export function indexArticle(
  db: Archive,
  id: number,
  title: string,
  markdown: StoredText,
  opts: { fresh?: boolean; text?: { title: string; body: StoredText } | undefined } = {},
): void {
  const shown = opts.fresh ? undefined : shownTitle(db, id)
  let text = opts.text ?? indexText(shown ?? title, plainText(asString(markdown)))
  if (opts.text && shown !== undefined) text = { title: toIndexText(shown), body: text.body }
  const write = () => writeIndex(db, id, text, opts.fresh === true)
  const held = heldBack.get(db)
  if (held) held.push(write)
  else write()
}

function shownTitle(db: Archive, id: number): string | undefined {
  if (!hasEdits(db)) return undefined
  return stmt(
    db,
    `SELECT value ->> '$' FROM article_edits WHERE article_id = ? AND field = 'title'
       AND owner = ?`,
  )
    .pluck()
    .get(id, LOCAL_OWNER) as string | undefined
}

const withEdits = new WeakSet<Archive>()

/** Whether the archive has the edits table (0007). One not yet there (a migration's own test
 * writes articles at older versions) has no edits to show. Asked until the answer is yes, then
 * never again on that connection: a later migration may rebuild the table, never remove it. */
function hasEdits(db: Archive): boolean {
  if (withEdits.has(db)) return true
  if (!stmt(db, `SELECT 1 FROM sqlite_schema WHERE name = 'article_edits'`).get()) return false
  withEdits.add(db)
  return true
}

function writeIndex(
  db: Archive,
  id: number,
  text: { title: string; body: StoredText },
  fresh: boolean,
): void {
  if (!fresh) stmt(db, `DELETE FROM articles_fts WHERE rowid = ?`).run(id)
  stmt(db, `INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, CAST(? AS TEXT))`).run(
    id,
    text.title,
    text.body,
  )
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

/**
 * For a bulk import: FTS5 merges its segments in groups of 8 instead of 4 until the returned
 * function is called. A merge rewrites every segment it takes, so the index of an archive
 * imported batch after batch was rewritten about log4(batches) times; with 8 about log8, which
 * took a fifth off the index's cost at 100,000 articles. What the index holds is the same, and a
 * search reads at most 7 segments of a level instead of 3 (no measurable cost at 100,000).
 */
export function mergingLess(db: Archive): () => void {
  // imports that overlap (a watcher's during a folder's) share one setting: the last one to end
  // puts back what the first one found
  const open = bulkImports.get(db)
  if (open) {
    open.count++
  } else {
    const before = db
      .prepare(`SELECT v FROM articles_fts_config WHERE k = 'automerge'`)
      .pluck()
      .get() as number | undefined
    setAutomerge(db, 8)
    bulkImports.set(db, { count: 1, before: before ?? DEFAULT_AUTOMERGE })
  }
  let done = false
  return () => {
    const state = bulkImports.get(db)
    if (done || !state) return
    done = true
    if (--state.count > 0) return
    bulkImports.delete(db)
    setAutomerge(db, state.before)
  }
}

const bulkImports = new WeakMap<Archive, { count: number; before: number }>()

// FTS5 takes only an integer here, and better-sqlite3 binds a number as a real
const setAutomerge = (db: Archive, n: number) =>
  void db
    .prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', ?)`)
    .run(BigInt(n))

// https://sqlite.org/fts5.html#the_automerge_configuration_option
const DEFAULT_AUTOMERGE = 4

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
  const index = hasEdits(db)
    ? indexArticle
    : (d: Archive, id: number, title: string, markdown: string) =>
        writeIndex(d, id, indexText(title, plainText(markdown)), false)
  db.exec(`DELETE FROM articles_fts`)
  const page = stmt(
    db,
    `SELECT a.id, a.title, t.markdown FROM articles a JOIN article_texts t ON t.article_id = a.id
      WHERE a.id > ? ORDER BY a.id LIMIT 500`,
  )
  let after = 0
  for (;;) {
    const rows = page.all(after) as { id: number; title: string; markdown: string }[]
    if (rows.length === 0) return indexRewritten(db)
    for (const r of rows) index(db, r.id, r.title, r.markdown)
    after = rows[rows.length - 1]!.id
  }
}
