import { stmt } from './stmt'
import type { Archive } from './open'
import { labelKey, remembered, type LabelKind } from './labels'
import { touch } from './generation'
import { captureArticles, captureLabels, logChange } from './undo'
import { LOCAL_OWNER } from '../shared/auth'

/** Names as the user merged or renamed them; unmerged names as given. Used by the importer, so
 * a merge holds for articles imported later. */
export function aliasLabels(db: Archive, kind: LabelKind, names: string[]): string[] {
  const find = stmt(db, `SELECT into_name FROM label_aliases WHERE kind = ? AND key = ?`)
  const seen = new Set<string>()
  const out: string[] = []
  for (const name of names) {
    const key = labelKey(name)
    const into = remembered(
      db,
      `alias\t${kind}\t${key}`,
      () => (find.get(kind, key) as { into_name: string } | undefined)?.into_name,
    )
    // (a name without an alias is its own key: labelKey runs over every label of every import)
    const shownKey = into === undefined ? key : labelKey(into)
    if (seen.has(shownKey)) continue
    seen.add(shownKey)
    out.push(into ?? name)
  }
  return out
}

export interface MergeResult {
  /** Articles that carried one of the merged labels. */
  articles: number
  undoId: number
}

/**
 * Merges labels into one (`新华社`, `新華社`, `Xinhua` → `新华社`), or renames one when given a
 * single label. One transaction, undoable. The target's spelling is the one given; merged
 * names are remembered, so a later import of `新華社` files it under `新华社` too.
 */
export function mergeLabels(
  db: Archive,
  kind: LabelKind,
  names: string[],
  into: string,
  now: string,
): MergeResult {
  return db.transaction(() => {
    const intoKey = labelKey(into)
    const keys = [...new Set(names.map(labelKey))]
    const idOf = stmt(db, `SELECT id FROM labels WHERE kind = ? AND key = ?`)
    const labelIds = [...keys, intoKey]
      .map((k) => (idOf.get(kind, k) as { id: number } | undefined)?.id)
      .filter((id): id is number => id !== undefined)
    const editRows = stmt(
      db,
      `SELECT article_id, value FROM article_edits WHERE field = ? AND owner = ?`,
    ).all(kind === 'tag' ? 'tags' : 'categories', LOCAL_OWNER) as {
      article_id: number
      value: string
    }[]
    const merged = new Set(keys)
    const editsTouched = editRows.filter((r) =>
      (JSON.parse(r.value) as string[]).some((n) => merged.has(labelKey(n))),
    )
    const articleIds = (
      stmt(
        db,
        `SELECT DISTINCT article_id FROM article_labels
          WHERE label_id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(labelIds)) as { article_id: number }[]
    ).map((r) => r.article_id)
    const namesBefore = captureLabels(db, kind, labelIds).names
    const target = stmt(
      db,
      `INSERT INTO labels (kind, name, key) VALUES (?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET name = excluded.name RETURNING id`,
    ).get(kind, into, intoKey) as { id: number }
    // Captured once the target exists, so an undo also takes back the links it is given.
    const before = {
      articles: captureArticles(
        db,
        editsTouched.map((r) => r.article_id),
      ),
      labels: {
        ...captureLabels(db, kind, [...new Set([...labelIds, target.id])]),
        names: namesBefore,
      },
    }
    for (const key of keys) {
      if (key === intoKey) continue
      const from = (idOf.get(kind, key) as { id: number } | undefined)?.id
      if (from !== undefined) {
        stmt(
          db,
          `INSERT OR IGNORE INTO article_labels (article_id, label_id)
           SELECT article_id, ? FROM article_labels WHERE label_id = ?`,
        ).run(target.id, from)
        stmt(db, `DELETE FROM article_labels WHERE label_id = ?`).run(from)
      }
      stmt(
        db,
        `INSERT INTO label_aliases (kind, key, into_name, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (kind, key, owner) DO UPDATE SET into_name = excluded.into_name,
           created_at = excluded.created_at`,
      ).run(kind, key, into, now)
    }
    // Earlier merges into a name merged now follow it (A → B, then B → C: A → C).
    const aliases = stmt(db, `SELECT key, into_name FROM label_aliases WHERE kind = ?`).all(
      kind,
    ) as { key: string; into_name: string }[]
    for (const a of aliases) {
      if (merged.has(labelKey(a.into_name)) && a.into_name !== into) {
        stmt(db, `UPDATE label_aliases SET into_name = ? WHERE kind = ? AND key = ?`).run(
          into,
          kind,
          a.key,
        )
      }
    }
    // The user's own label lists are theirs, but they meant the same merge.
    const field = kind === 'tag' ? 'tags' : 'categories'
    for (const r of editsTouched) {
      const list = JSON.parse(r.value) as string[]
      const next: string[] = []
      for (const n of list) {
        const shown = merged.has(labelKey(n)) ? into : n
        if (!next.some((x) => labelKey(x) === labelKey(shown))) next.push(shown)
      }
      stmt(
        db,
        `UPDATE article_edits SET value = ?, edited_at = ? WHERE article_id = ? AND field = ?`,
      ).run(JSON.stringify(next), now, r.article_id, field)
    }
    const touched = new Set([...articleIds, ...editsTouched.map((r) => r.article_id)])
    const undoId = logChange(
      db,
      names.length === 1 ? `rename ${kind}` : `merge ${kind}s`,
      touched.size,
      before,
      now,
    )
    touch(db)
    return { articles: touched.size, undoId }
  })()
}
