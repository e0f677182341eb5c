import { stmt } from './stmt'
import type { Archive } from './open'
import type { LabelCount } from '../shared/types'

export type LabelKind = 'tag' | 'category'

/** Labels merge case-insensitively (Unicode-aware, which SQLite's NOCASE is not); first spelling wins. */
export function labelKey(name: string): string {
  return name.normalize('NFKC').toLocaleLowerCase('und')
}

export function setLabels(db: Archive, articleId: number, kind: LabelKind, names: string[]): void {
  stmt(
    db,
    `DELETE FROM article_labels WHERE article_id = ?
       AND label_id IN (SELECT id FROM labels WHERE kind = ?)`,
  ).run(articleId, kind)
  const upsert = stmt(
    db,
    `INSERT INTO labels (kind, name, key) VALUES (?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET key = excluded.key RETURNING id`,
  )
  const link = stmt(db, `INSERT OR IGNORE INTO article_labels (article_id, label_id) VALUES (?, ?)`)
  for (const name of names) {
    const row = upsert.get(kind, name, labelKey(name)) as { id: number }
    link.run(articleId, row.id)
  }
}

export function labelsOf(db: Archive, articleId: number, kind: LabelKind): string[] {
  const rows = stmt(
    db,
    `SELECT l.name FROM article_labels al JOIN labels l ON l.id = al.label_id
        WHERE al.article_id = ? AND l.kind = ? ORDER BY l.name`,
  ).all(articleId, kind) as { name: string }[]
  return rows.map((r) => r.name)
}

/** Labels in use, most used first (ties by name). */
export function listLabels(db: Archive, kind: LabelKind): LabelCount[] {
  return stmt(
    db,
    `SELECT l.name AS name, count(*) AS count FROM labels l
         JOIN article_labels al ON al.label_id = l.id
        WHERE l.kind = ? GROUP BY l.id ORDER BY count DESC, l.name`,
  ).all(kind) as LabelCount[]
}
