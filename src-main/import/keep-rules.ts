import { existsSync } from 'node:fs'
import type { Archive } from '../db/open'
import { editedFieldCount, isTrashed } from '../db/edits'
import { aliasLabels } from '../db/label-aliases'
import { articlePath } from '../db/articles'
import { markSourceSeen } from '../db/watched'
import type { ImportFileResult } from '../shared/types'
import type { ParsedArticle } from './types'

// What the importer owes the user's own work: trash is respected, merges apply to new labels,
// edits are counted as kept, and a file that moved keeps its article.

export function trashedResult(db: Archive, id: number): Omit<ImportFileResult, 'path'> | null {
  return isTrashed(db, id)
    ? { status: 'skipped', id, warnings: [], error: { code: 'in-trash' } }
    : null
}

/** The article's own file was seen again: it is not missing any more. Returns the edits kept
 * (counted once per article, at its own file, not again at each duplicate's). */
export function seen(db: Archive, id: number, path: string): { editedFieldsKept?: number } {
  if (articlePath(db, id) !== path) return {}
  markSourceSeen(db, id, path)
  const n = editedFieldCount(db, id)
  return n > 0 ? { editedFieldsKept: n } : {}
}

export function withAliases<P extends Pick<ParsedArticle, 'tags' | 'categories'>>(
  db: Archive,
  p: P,
): P {
  return {
    ...p,
    tags: aliasLabels(db, 'tag', p.tags),
    categories: aliasLabels(db, 'category', p.categories),
  }
}

/** The file an article was imported from is gone: a new path with the same content is a move. */
export function sourceGone(db: Archive, id: number): boolean {
  const path = articlePath(db, id)
  return path !== null && !existsSync(path)
}
