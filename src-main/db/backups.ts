import Database from 'better-sqlite3'
import { stmt } from './stmt'
import type { Archive } from './open'

export function recordBackup(
  db: Archive,
  b: { file: string; articles: number; bytes: number; media: number },
  now: string,
): void {
  stmt(
    db,
    `INSERT INTO backups (file, articles, bytes, media, made_at)
     VALUES (@file, @articles, @bytes, @media, @now)`,
  ).run({ ...b, now })
}

/** When the last backup was made, for the reminder; null when never. */
export function lastBackup(db: Archive): { file: string; madeAt: string } | null {
  const row = stmt(db, `SELECT file, made_at FROM backups ORDER BY id DESC LIMIT 1`).get() as
    { file: string; made_at: string } | undefined
  return row ? { file: row.file, madeAt: row.made_at } : null
}

/** What a copy holds, read from the copy itself after SQLite has checked it. */
export interface CopyContents {
  /** integrity_check's first answer: `ok` for a sound copy. */
  integrity: string
  articles: number
  texts: number
  media: { hash: string; mime: string }[]
}

/** Opens a finished copy, turns it into a single file (no WAL beside it) and reads what it holds. */
export function inspectCopy(file: string, nativeBinding?: string): CopyContents {
  const copy = new Database(file, nativeBinding ? { nativeBinding } : {})
  try {
    copy.pragma('journal_mode = DELETE')
    const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n
    return {
      integrity: String(copy.pragma('integrity_check', { simple: true })),
      articles: n(`SELECT count(*) AS n FROM articles`),
      texts: n(`SELECT count(*) AS n FROM article_texts`),
      media: copy.prepare(`SELECT hash, mime FROM media`).all() as { hash: string; mime: string }[],
    }
  } finally {
    copy.close()
  }
}
