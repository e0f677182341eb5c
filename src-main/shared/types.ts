// The data that crosses the main/renderer boundary. Plain JSON shapes only: this folder imports
// nothing from Node, Electron or the DOM (checked by lint).
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

export type FileStatus = 'imported' | 'updated' | 'unchanged' | 'duplicate' | 'skipped' | 'failed'
export const FILE_STATUSES: readonly FileStatus[] = [
  'imported',
  'updated',
  'unchanged',
  'duplicate',
  'skipped',
  'failed',
]

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
}

export interface ImportCounts {
  scanned: number
  imported: number
  updated: number
  unchanged: number
  duplicates: number
  skipped: number
  failed: number
}

export interface ImportReport extends ImportCounts {
  /** True when the user cancelled; the files not reached are not listed. */
  cancelled: boolean
  files: ImportFileResult[]
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
