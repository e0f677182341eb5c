import { stmt } from './stmt'
import type { Archive } from './open'
import type { LabelCount } from '../shared/types'
import { LOCAL_OWNER } from '../shared/auth'

export type LabelKind = 'tag' | 'category'

/** Labels merge case-insensitively (Unicode-aware, which SQLite's NOCASE is not); first spelling wins. */
export function labelKey(name: string): string {
  // Memoised: an import asks for the same few hundred names hundreds of thousands of times, and
  // locale-aware lowering is slow. Bounded, since names are free text.
  let key = keys.get(name)
  if (key === undefined) {
    if (keys.size >= 50_000) keys.clear()
    keys.set(name, (key = name.normalize('NFKC').toLocaleLowerCase('und')))
  }
  return key
}

const keys = new Map<string, string>()

const memos = new WeakMap<Archive, Map<string, unknown>>()

/**
 * Runs `write` (inside one transaction) with each label's id and alias looked up once: an
 * import's batch asks for the same few hundred labels thousands of times, two queries per label
 * and article, and nothing else can change labels while the transaction runs.
 */
export function withLabelsRemembered<T>(db: Archive, write: () => T): T {
  if (memos.has(db)) return write()
  memos.set(db, new Map())
  try {
    return write()
  } finally {
    memos.delete(db)
  }
}

/** `look()`, or what it gave for `key` before in this withLabelsRemembered. */
export function remembered<T>(db: Archive, key: string, look: () => T): T {
  const memo = memos.get(db)
  if (!memo) return look()
  if (memo.has(key)) return memo.get(key) as T
  const v = look()
  memo.set(key, v)
  return v
}

/** Replaces an article's labels of one kind. `fresh`: a new article, with none to remove. */
export function setLabels(
  db: Archive,
  articleId: number,
  kind: LabelKind,
  names: string[],
  fresh = false,
): void {
  if (!fresh) {
    stmt(
      db,
      `DELETE FROM article_labels WHERE article_id = ?
         AND label_id IN (SELECT id FROM labels WHERE kind = ?)`,
    ).run(articleId, kind)
  }
  // Looked up before inserting: nearly every label exists already, and a read is much cheaper
  // than an upsert, which writes the row even when nothing changes.
  const find = stmt(db, `SELECT id FROM labels WHERE kind = ? AND key = ?`)
  const add = stmt(db, `INSERT INTO labels (kind, name, key) VALUES (?, ?, ?) RETURNING id`)
  const link = stmt(db, `INSERT OR IGNORE INTO article_labels (article_id, label_id) VALUES (?, ?)`)
  for (const name of names) {
    const key = labelKey(name)
    const id = remembered(
      db,
      `id\t${kind}\t${key}`,
      () => ((find.get(kind, key) ?? add.get(kind, name, key)) as { id: number }).id,
    )
    link.run(articleId, id)
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

/** Labels in use, most used first (ties by name): as shown (an article the user gave a list of
 * its own counts under those names) and leaving out the trash. */
export function listLabels(db: Archive, kind: LabelKind): LabelCount[] {
  const field = kind === 'tag' ? 'tags' : 'categories'
  const imported = stmt(
    db,
    `SELECT l.name AS name, count(*) AS count FROM labels l
         JOIN article_labels al ON al.label_id = l.id
        WHERE l.kind = ? AND al.article_id NOT IN (SELECT article_id FROM trash)
          AND NOT EXISTS (SELECT 1 FROM article_edits e WHERE e.article_id = al.article_id
            AND e.field = ? AND e.owner = ?)
        GROUP BY l.id`,
  ).all(kind, field, LOCAL_OWNER) as LabelCount[]
  const edited = stmt(
    db,
    `SELECT j.value FROM article_edits e, json_each(e.value) j
      WHERE e.field = ? AND e.owner = ?
        AND e.article_id NOT IN (SELECT article_id FROM trash)`,
  )
    .pluck()
    .all(field, LOCAL_OWNER) as string[]
  const byKey = new Map<string, LabelCount>()
  for (const l of imported) byKey.set(labelKey(l.name), l)
  for (const name of edited) {
    const l = byKey.get(labelKey(name))
    if (l) l.count++
    else byKey.set(labelKey(name), { name, count: 1 })
  }
  return [...byKey.values()].sort(
    (x, y) => y.count - x.count || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
  )
}
