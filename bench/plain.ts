import Database from 'better-sqlite3'
import { readFile } from 'node:fs/promises'

// The plainest pipeline that makes the same files searchable: the yardstick issue 13 measures
// Lectern against. It skips everything Lectern owes its readers (encodings, three front-matter
// formats, dedupe, pictures, labels, facets, re-import), so Lectern beating it is the goal.

const FRONT = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/
const TITLE = /^title:\s*["']?(.*?)["']?\s*$/m
const HAN_PAIR = /(\p{Script=Han})(?=\p{Script=Han})/gu

/** U+200B between Han characters: unicode61 then makes every character a token. */
export const splitHan = (s: string) => s.replace(HAN_PAIR, '$1\u200b')

/** Reads, splits, inserts into an external-content FTS5 table in 1,000-row transactions. */
export async function plainImport(files: string[], dbFile: string): Promise<void> {
  const db = new Database(dbFile)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`
    CREATE TABLE docs (id INTEGER PRIMARY KEY, path TEXT, title TEXT, body TEXT);
    CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content = 'docs', content_rowid = 'id');
  `)
  const doc = db.prepare(`INSERT INTO docs (path, title, body) VALUES (?, ?, ?)`)
  const fts = db.prepare(`INSERT INTO docs_fts (rowid, title, body) VALUES (?, ?, ?)`)
  const write = db.transaction((rows: [string, string, string][]) => {
    for (const [path, title, body] of rows) {
      const id = doc.run(path, title, body).lastInsertRowid
      fts.run(id, title, body)
    }
  })
  let rows: [string, string, string][] = []
  for (let i = 0; i < files.length; i += 64) {
    const texts = await Promise.all(files.slice(i, i + 64).map((f) => readFile(f, 'utf8')))
    texts.forEach((text, j) => {
      const m = FRONT.exec(text)
      const title = (m && TITLE.exec(m[1] as string)?.[1]) ?? ''
      const body = m ? text.slice(m[0].length) : text
      rows.push([files[i + j] as string, splitHan(title), splitHan(body)])
    })
    if (rows.length >= 1000) {
      write(rows)
      rows = []
    }
  }
  write(rows)
  db.close()
}

/** The same query as FTS5 for the plain table: Han runs as phrases, `-word` as NOT. */
export function plainMatch(query: string): string {
  const pos: string[] = []
  const neg: string[] = []
  for (const m of query.matchAll(/(-?)("[^"]*"|\S+)/g)) {
    const raw = (m[2] as string).replace(/"/g, '')
    const prefix = raw.endsWith('*')
    const words = raw.replace(/\*$/, '')
    const term = `"${[...words.matchAll(/\p{Script=Han}|[\p{L}\p{N}]+/gu)].map((w) => w[0]).join(' ')}"${prefix ? ' *' : ''}`
    ;(m[1] ? neg : pos).push(term)
  }
  return pos.join(' AND ') + (neg.length ? ` NOT ${neg.join(' NOT ')}` : '')
}

/** bm25 top 50 with snippet(), plus count(*): the plain search. */
export function plainSearcher(dbFile: string): {
  search: (query: string, offset?: number) => number
  close: () => void
} {
  const db = new Database(dbFile, { readonly: true })
  const top = db.prepare(
    `SELECT rowid, title, snippet(docs_fts, 1, '<mark>', '</mark>', '…', 16) AS s FROM docs_fts
      WHERE docs_fts MATCH ? ORDER BY bm25(docs_fts, 10.0, 1.0) LIMIT 50 OFFSET ?`,
  )
  const count = db.prepare(`SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?`).pluck()
  return {
    search(query, offset = 0) {
      const match = plainMatch(query)
      top.all(match, offset)
      return count.get(match) as number
    },
    close: () => db.close(),
  }
}
