import { statSync } from 'node:fs'
import type { Archive } from './open'
import type { Stats } from '../shared/types'
import { imageStats } from './images'
import { listLabels } from './labels'
import { notTrashedSql, shownSql } from './shown'

/** Figures of the archive as shown: the user's edits win, the trash is left out. */
export function archiveStats(db: Archive): Stats {
  const one = <T>(sql: string) => db.prepare(sql).get() as T
  const kept = `FROM articles a WHERE ${notTrashedSql('a.id')}`
  const date = shownSql(db, 'date')
  const langs = db
    .prepare(
      `SELECT coalesce(${shownSql(db, 'lang')}, 'unknown') AS lang, count(*) AS n ${kept}
        GROUP BY 1 ORDER BY n DESC`,
    )
    .all() as { lang: string; n: number }[]
  const range = one<{ oldest: string | null; newest: string | null }>(
    `SELECT min(${date}) AS oldest, max(${date}) AS newest ${kept}`,
  )
  return {
    articles: one<{ n: number }>(`SELECT count(*) AS n ${kept}`).n,
    tags: listLabels(db, 'tag').length,
    categories: listLabels(db, 'category').length,
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
