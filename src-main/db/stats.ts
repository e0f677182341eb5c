import { statSync } from 'node:fs'
import type { Archive } from './open'
import type { Stats } from '../shared/types'
import { imageStats } from './images'

export function archiveStats(db: Archive): Stats {
  const one = <T>(sql: string) => db.prepare(sql).get() as T
  const langs = db
    .prepare(
      `SELECT coalesce(lang, 'unknown') AS lang, count(*) AS n FROM articles
        GROUP BY 1 ORDER BY n DESC`,
    )
    .all() as { lang: string; n: number }[]
  const range = one<{ oldest: string | null; newest: string | null }>(
    `SELECT min(date) AS oldest, max(date) AS newest FROM articles`,
  )
  return {
    articles: one<{ n: number }>(`SELECT count(*) AS n FROM articles`).n,
    tags: one<{ n: number }>(`SELECT count(*) AS n FROM labels WHERE kind = 'tag'`).n,
    categories: one<{ n: number }>(`SELECT count(*) AS n FROM labels WHERE kind = 'category'`).n,
    languages: Object.fromEntries(langs.map((r) => [r.lang, r.n])),
    oldest: range.oldest,
    newest: range.newest,
    bytes: fileBytes(db.name),
    images: imageStats(db),
  }
}

function fileBytes(file: string): number {
  if (file === ':memory:' || file === '') return 0
  let total = 0
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size
    } catch {
      // No WAL file is normal after a clean close.
    }
  }
  return total
}
