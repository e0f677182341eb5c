// The part of the contract that keeps an archive: edits, bulk changes and undo, labels, trash,
// revisions, backup, check and watched folders. Merged into LecternApi in api.ts.
import type {
  Article,
  ArticleChanges,
  ArticleEdit,
  BackupReport,
  BulkResult,
  ChangeSummary,
  CheckReport,
  DiffPart,
  RevisionInfo,
  TrashPage,
  WatchStatus,
} from './types'
import { EDITABLE_FIELDS } from './types'
import { bool, int, list, obj, oneOf, optional, str, ValidationError, type Check } from './validate'

export type LabelKindName = 'tag' | 'category'

export interface KeepApi {
  /** Sets, adds to, removes from or resets fields of one article; returns it as shown. */
  editArticle(args: { id: number } & ArticleChanges): Article
  /** The same changes to many articles, in one undoable change. */
  bulkEdit(args: { ids: number[] } & ArticleChanges): BulkResult
  trashArticles(args: { ids: number[] }): BulkResult
  restoreArticles(args: { ids: number[] }): BulkResult
  trashList(args: { offset: number; limit: number }): TrashPage
  /** Removes the trashed articles for good, and their pictures no other article uses. */
  emptyTrash(): Promise<{ articles: number; pictures: number }>
  /** Undoes the newest change still undoable; null when there is none. */
  undo(): ChangeSummary | null
  changes(): ChangeSummary[]
  /** Merges labels into one (a single label: a rename), for later imports too; undoable. */
  mergeLabels(args: { kind: LabelKindName; labels: string[]; into: string }): BulkResult
  /** Oldest first, the current state last. */
  revisions(args: { id: number }): RevisionInfo[]
  revisionDiff(args: { id: number; from: number; to: number }): {
    title: DiffPart[]
    body: DiffPart[]
  }
  backup(args: { file: string; replace?: boolean }): Promise<BackupReport>
  lastBackup(): { file: string; madeAt: string } | null
  check(args: { fix?: boolean }): Promise<CheckReport>
  /** Every article a search finds (what a bulk change "on the whole search" changes). */
  searchIds(args: { query: string }): number[]
  /** Starts watching folders (and remembers them, unless `remember` is false: `lectern watch`
   * and `serve --watch` watch for as long as they run); new and changed files are imported as
   * they settle. `catchUp`: first import each folder whole, once (what was written before
   * watching began: `lectern watch`, `serve --watch`; the app does so for its folders at start). */
  watchFolders(args: {
    folders: string[]
    remember?: boolean
    catchUp?: boolean
  }): Promise<WatchStatus>
  /** Stops watching the given folders (all when none are given) and forgets them. */
  unwatchFolders(args: { folders?: string[] }): Promise<WatchStatus>
  watchStatus(): WatchStatus
}

const id = int(1, Number.MAX_SAFE_INTEGER)
const ids = list(id, 100_000)
const labels = list(str, 1000)
/** New field values by name. Each value is checked by the service (keep/values.ts), which
 * knows dates and language tags; `null` clears a field, so it is kept, not dropped. */
const edit: Check<ArticleEdit> = (v, at) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ValidationError(at, { rule: 'object' })
  }
  for (const k of Object.keys(v)) {
    if (!(EDITABLE_FIELDS as string[]).includes(k)) {
      throw new ValidationError(`${at}.${k}`, { rule: 'unknown-key' })
    }
  }
  return v as ArticleEdit
}
const changes = {
  set: optional(edit),
  addTags: optional(labels),
  removeTags: optional(labels),
  addCategories: optional(labels),
  removeCategories: optional(labels),
  reset: optional(list(oneOf(...EDITABLE_FIELDS), EDITABLE_FIELDS.length)),
}
const none: Check<undefined> = (v, at) => {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return undefined
  throw new ValidationError(at, { rule: 'no-arguments' })
}

// Field values are checked by the service (keep/values.ts), which knows dates and languages:
// here only the shape. `null` in `set` means "clear this field", so it is kept, not dropped.
export const keepArgChecks: {
  [M in keyof KeepApi]: Check<Parameters<KeepApi[M]> extends [infer A] ? A : undefined>
} = {
  editArticle: obj({ id, ...changes }),
  bulkEdit: obj({ ids, ...changes }),
  trashArticles: obj({ ids }),
  restoreArticles: obj({ ids }),
  trashList: obj({ offset: int(0, Number.MAX_SAFE_INTEGER), limit: int(1, 1000) }),
  emptyTrash: none,
  undo: none,
  changes: none,
  mergeLabels: obj({ kind: oneOf('tag', 'category'), labels: list(str, 1000), into: str }),
  revisions: obj({ id }),
  revisionDiff: obj({ id, from: int(1, 1_000_000), to: int(1, 1_000_000) }),
  backup: obj({ file: str, replace: optional(bool) }),
  lastBackup: none,
  check: obj({ fix: optional(bool) }),
  searchIds: obj({ query: str }),
  watchFolders: obj({
    folders: list(str, 100),
    remember: optional(bool),
    catchUp: optional(bool),
  }),
  unwatchFolders: obj({ folders: optional(list(str, 100)) }),
  watchStatus: none,
}
