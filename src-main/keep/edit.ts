import type { Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { dropEdit, editsOf, putEdit, shownArticle } from '../db/edits'
import { labelKey } from '../db/labels'
import { aliasLabels } from '../db/label-aliases'
import { touch } from '../db/generation'
import { reindexArticles } from '../db/search-index'
import { captureArticles, logChange } from '../db/undo'
import {
  EDITABLE_FIELDS,
  type Article,
  type ArticleChanges,
  type ArticleEdit,
  type BulkResult,
  type EditableField,
} from '../shared/types'
import { cleanLabels, cleanValue, sameValue } from './values'
import { LecternError } from '../shared/errors'

/** Edits one article; returns it as shown. Undoable like any bulk change. */
export function editArticle(db: Archive, id: number, changes: ArticleChanges): Article {
  if (!getArticle(db, id)) throw new LecternError('not-found', { id })
  applyChanges(db, [id], changes, 'edit')
  return shownArticle(db, id) as Article
}

/** The same changes to many articles, in one transaction, undoable right after. */
export function bulkEdit(db: Archive, ids: number[], changes: ArticleChanges): BulkResult {
  return applyChanges(db, ids, changes, 'bulk edit')
}

function applyChanges(
  db: Archive,
  ids: number[],
  changes: ArticleChanges,
  action: string,
): BulkResult {
  const set = cleanSet(changes.set ?? {})
  const labels = {
    tags: {
      add: cleanLabels('tags', changes.addTags ?? []),
      remove: cleanLabels('tags', changes.removeTags ?? []),
    },
    categories: {
      add: cleanLabels('categories', changes.addCategories ?? []),
      remove: cleanLabels('categories', changes.removeCategories ?? []),
    },
  }
  for (const f of changes.reset ?? []) {
    if (!EDITABLE_FIELDS.includes(f)) {
      throw new LecternError('invalid-value', { field: String(f), rule: 'not-editable' })
    }
  }
  const now = new Date().toISOString()
  return db.transaction(() => {
    const articles = ids.map((id) => getArticle(db, id)).filter((a): a is Article => a !== null)
    const before = captureArticles(
      db,
      articles.map((a) => a.id),
    )
    let changed = 0
    const retitled: number[] = []
    for (const a of articles) {
      const edits = editsOf(db, a.id)
      const shown = { ...a, ...edits }
      const next: ArticleEdit = { ...edits }
      for (const f of changes.reset ?? []) delete next[f]
      Object.assign(next, set)
      for (const kind of ['tags', 'categories'] as const) {
        const { add, remove } = labels[kind]
        if (add.length === 0 && remove.length === 0) continue
        const current = next[kind] ?? shown[kind]
        const gone = new Set(remove.map(labelKey))
        const list = current.filter((n) => !gone.has(labelKey(n)))
        for (const n of aliasLabels(db, kind === 'tags' ? 'tag' : 'category', add)) {
          if (!list.some((x) => labelKey(x) === labelKey(n))) list.push(n)
        }
        next[kind] = list
      }
      let differs = false
      for (const f of EDITABLE_FIELDS) {
        // A value equal to the imported one is no edit: the imported value shows, and follows
        // the file from then on.
        const keep = f in next && !sameValue(next[f], a[f])
        if (keep) putEdit(db, a.id, f, next[f] as Article[typeof f], now)
        else if (f in edits) dropEdit(db, a.id, f)
        const shownBefore = f in edits ? edits[f] : a[f]
        const shownAfter = keep ? next[f] : a[f]
        if (!sameValue(shownBefore, shownAfter)) {
          differs = true
          if (f === 'title') retitled.push(a.id)
        }
      }
      if (differs) changed++
    }
    reindexArticles(db, retitled)
    const undoId = changed > 0 ? logChange(db, action, changed, { articles: before }, now) : null
    touch(db)
    return { changed, undoId }
  })()
}

function cleanSet(set: ArticleEdit): ArticleEdit {
  const out: Record<string, unknown> = {}
  for (const [f, v] of Object.entries(set)) {
    if (!EDITABLE_FIELDS.includes(f as EditableField)) {
      throw new LecternError('invalid-value', { field: f, rule: 'not-editable' })
    }
    out[f] = cleanValue(f as EditableField, v)
  }
  return out as ArticleEdit
}
