// The data that crosses the main/renderer boundary. Plain JSON shapes only: this folder imports
// nothing from Node, Electron or the DOM (checked by lint).
import type { ImageStats } from './images'

export interface Article {
  id: number
  title: string
  /** ISO 8601 as given (`2026-07-30T16:04:22`, with offset when the source had one), or null. */
  date: string | null
  summary: string | null
  lang: string | null
  categories: string[]
  tags: string[]
  thumbnail: string | null
  sourceUrl: string | null
  sourceName: string | null
  author: string | null
  /** Where the file was when it was last imported. */
  path: string
  frontMatter: Record<string, unknown>
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
  warnings: string[]
  /** Why a file was skipped or failed. */
  error?: string
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
