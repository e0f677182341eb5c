// The data that crosses the main/renderer boundary. Plain JSON shapes only: this folder imports
// nothing from Node, Electron or the DOM (checked by lint).
import type { AnnotationCounts } from './annotations'
import type { ImageStats } from './images'
import type { FileReason, ImportWarning } from './problems'

export interface Article {
  id: number
  /** Never empty: front matter title, else the first `#` heading, else the file name. */
  title: string
  /** ISO 8601 as given: `2026-07-30T16:04:22` (no zone given), `2025-02-13T19:47:22+08:00`,
   * `2026-08-21T14:03:00Z`, `2018-06-07`; null when unknown (never the import time). */
  date: string | null
  summary: string | null
  /** First language given (`lang` may be a string or a list), e.g. `zh-CN`; null when none. */
  lang: string | null
  /** Trimmed, empty ones dropped, merged case-insensitively (first spelling kept). */
  categories: string[]
  tags: string[]
  thumbnail: string | null
  sourceUrl: string | null
  /** Link text of the last-line source link (`[qq](https://...)`), else the URL's host. */
  sourceName: string | null
  author: string | null
  /** Where the file was when it was last imported. */
  path: string
  /** The raw front matter as parsed, every key kept (unknown ones too); {} when none. */
  frontMatter: Record<string, unknown>
  /** The body: everything after the front matter, newlines normalised to \n. */
  markdown: string
  /** Pictures kept in the archive: `imageKey(src as written)` → `/media/<hash>.<ext>`. */
  images?: Record<string, string>
  // Read from the archive (absent on a parse): the values above are as shown, the user's edits
  // winning over the imported ones.
  /** Fields whose shown value is the user's, not the imported one. */
  edited?: EditableField[]
  /** The imported value of each edited field, for "show imported" and reset. */
  imported?: ArticleEdit
  trashed?: boolean
  /** The file it was imported from is gone (seen by a watcher); the article stays. */
  sourceMissing?: boolean
  /** How many earlier revisions a re-import replaced and kept. */
  revisions?: number
  /** The story cluster it belongs to (the smallest member's id; its own id when alone). */
  cluster?: number
  /** The cluster's articles not in the trash (this one always), in import order. */
  clusterArticles?: number[]
}

/** What the user may change of an article; their value wins over the imported one. */
export type EditableField =
  'title' | 'date' | 'summary' | 'lang' | 'tags' | 'categories' | 'sourceName' | 'sourceUrl'
export const EDITABLE_FIELDS: readonly EditableField[] = [
  'title',
  'date',
  'summary',
  'lang',
  'tags',
  'categories',
  'sourceName',
  'sourceUrl',
]
export type ArticleEdit = Partial<Pick<Article, EditableField>>

/** One earlier state of an article, kept when a re-import changed it; the current one is last. */
export interface RevisionInfo {
  /** 1 is the oldest kept. */
  revision: number
  /** When this state was imported. */
  date: string
  title: string
  hash: string
  current: boolean
}

/** A word diff: CJK compared character by character, other scripts word by word. */
export interface DiffPart {
  op: 'equal' | 'insert' | 'delete'
  text: string
}

/** One bulk change, as listed for undo. */
export interface ChangeSummary {
  id: number
  action: string
  articles: number
  at: string
}

export interface LabelCount {
  name: string
  count: number
}

export interface Stats {
  articles: number
  tags: number
  categories: number
  languages: Record<string, number>
  oldest: string | null
  newest: string | null
  /** Size of the archive file(s) on disk. */
  bytes: number
  images: ImageStats
}

export type FileStatus =
  'imported' | 'updated' | 'moved' | 'unchanged' | 'duplicate' | 'skipped' | 'failed'
export const FILE_STATUSES: readonly FileStatus[] = [
  'imported',
  'updated',
  'moved',
  'unchanged',
  'duplicate',
  'skipped',
  'failed',
]

/** The report's counter of each status. */
export const STATUS_COUNTS = {
  imported: 'imported',
  updated: 'updated',
  moved: 'moved',
  unchanged: 'unchanged',
  duplicate: 'duplicates',
  skipped: 'skipped',
  failed: 'failed',
} as const satisfies Record<FileStatus, keyof ImportCounts>

export interface ImportFileResult {
  /** Relative to the imported folder. */
  path: string
  status: FileStatus
  id?: number
  duplicateOf?: number
  /** Codes with parameters (`{ code: 'unknown-date' }`); the CLI and the UI word them. */
  warnings: ImportWarning[]
  /** Why a file was skipped or failed. */
  error?: FileReason
  /** An updated article's highlights, re-anchored in its new text; a new article's, placed from
   * the `lectern.highlights` of its file (a Markdown folder export). */
  annotations?: AnnotationCounts
  /** Fields the user edited on this file's article, kept over the imported values. */
  editedFieldsKept?: number
}

/** Which of an import's files a page of its report lists: those worth a look (warnings, failures,
 * skips, duplicates, moves), those with warnings, or those of one status. */
export type ReportFilter = FileStatus | 'notable' | 'warnings'
export const REPORT_FILTERS: readonly ReportFilter[] = ['notable', 'warnings', ...FILE_STATUSES]

/** A page of the last import's files (`importReportFiles`): the report dialog reads them as it
 * scrolls, so a million files never travel, nor sit in the window, at once. */
export interface ImportFilesPage {
  /** Files the filter keeps, in the order the import met them. */
  total: number
  /** Up to `limit` of them from `offset`. */
  files: ImportFileResult[]
  /** Files worth a look, and files with warnings: the counts of the first two filters. */
  notable: number
  warnings: number
  /** Files the report is of (its `scanned`): a page of another import than the one shown says
   * so by this (the caller's next import replaces the last one's report). */
  scanned: number
}

export interface ImportCounts {
  scanned: number
  imported: number
  updated: number
  /** Renamed or moved files whose article kept its id (same content, new path). */
  moved: number
  unchanged: number
  duplicates: number
  skipped: number
  failed: number
}

export interface ImportReport extends ImportCounts {
  /** Fields the user had edited on the articles this import read, kept over imported values. */
  editedFieldsKept: number
  /** True when the user cancelled; the files not reached are not listed. */
  cancelled: boolean
  files: ImportFileResult[]
  /** Highlights of the updated articles (still in place, found elsewhere, or orphaned), and of
   * the new ones whose file carried them (placed exactly, by context, or orphaned). */
  annotations: AnnotationCounts
}

export interface ImportProgress {
  phase: 'scanning' | 'importing' | 'done'
  scanned: number
  done: number
  total: number
  current: string | null
  /** Files per second since the import phase began. */
  rate: number
}

/** What `check` found, and with `fix`, what it repaired. */
export interface CheckReport {
  /** SQLite's integrity_check and foreign_key_check; `repaired` after a REINDEX fixed them. */
  integrity: { ok: boolean; problems: string[]; repaired: boolean }
  /** Articles missing from the full-text index, and index rows of no article. `pairs`: the index
   * has the common character pairs, which make common Chinese words fast (db/common-pairs.ts);
   * `canAddPairs`: it has not, and a repair would write them. Neither is a problem. */
  searchIndex: {
    ok: boolean
    missing: number
    extra: number
    rebuilt: boolean
    pairs: boolean
    canAddPairs: boolean
  }
  pictures: {
    /** Files in the picture store that no article uses. */
    unused: number
    /** Pictures the archive lists as stored whose file is gone. */
    missing: number
    /** With fix: unused files deleted. */
    removed: number
    /** With fix: missing ones marked to be fetched or copied again. */
    markedMissing: number
  }
  /** True when nothing is wrong (after the repairs, with fix). */
  ok: boolean
}

/** A backup made and checked: the copy opened, passed integrity_check and holds these. */
export interface BackupReport {
  articles: number
  /** Size of the copied archive file. */
  bytes: number
  /** Pictures copied (or linked) into the copy's picture store. */
  media: number
  verified: true
}

/** Changes to one article or many: new values, labels added or removed, fields reset. */
export interface ArticleChanges {
  set?: ArticleEdit
  addTags?: string[]
  removeTags?: string[]
  addCategories?: string[]
  removeCategories?: string[]
  /** Back to the imported value. */
  reset?: EditableField[]
}

export interface BulkResult {
  /** Articles whose shown values changed. */
  changed: number
  /** The change to undo it by; null when nothing changed. */
  undoId: number | null
}

export interface TrashedArticle {
  id: number
  title: string
  trashedAt: string
}

/** A page of the trash, newest first (`trashList`): a whole search moved there may be 100,000
 * articles, read as the list scrolls. */
export interface TrashPage {
  /** Articles in the trash. */
  total: number
  articles: TrashedArticle[]
}

export interface WatchStatus {
  folders: string[]
  /** True after the system's watch limit was reached: changes are found by polling. */
  polling: boolean
}

/** How far a watcher is through a long piece of work: a burst of files imported a slice at a
 * time, or the whole folder taken in at the app's start (`catch-up`). `scanning`: the catch-up
 * is counting the folder's files (`done` so far, `total` not known yet); `done` ends it. */
export interface WatchProgress {
  folder: string
  work: 'burst' | 'catch-up'
  phase: 'scanning' | 'importing' | 'done'
  done: number
  total: number
}

/** One batch a watcher imported. */
export interface WatchBatchEvent {
  folder: string
  report: ImportReport
  /** Articles whose file went away (kept, marked "source file missing"). */
  missing: number
  /** The folder imported whole as watching began (the catch-up), not a batch of changes seen. */
  catchUp?: true
}
