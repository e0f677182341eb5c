import type { Database } from 'better-sqlite3'
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

/** What a copy must hold to be whole: every article with its text, and its pictures' list. */
export function copyContents(copy: Database): {
  articles: number
  texts: number
  media: { hash: string; mime: string }[]
} {
  const n = (sql: string) => (copy.prepare(sql).get() as { n: number }).n
  return {
    articles: n(`SELECT count(*) AS n FROM articles`),
    texts: n(`SELECT count(*) AS n FROM article_texts`),
    media: copy.prepare(`SELECT hash, mime FROM media`).all() as { hash: string; mime: string }[],
  }
}
