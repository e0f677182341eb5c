// Exports: which articles, into what, and how far along. Plain data, shared by the service, the
// CLI and the UI.

/** The formats `lectern export` writes: the articles themselves, then references for a
 * reference manager (the citations work's writers). Each entry is one writer in
 * src-main/export/formats.ts. */
export const EXPORT_FORMATS = [
  'markdown',
  'html',
  'epub',
  'pdf',
  'csl-json',
  'ris',
  'bibtex',
] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Which articles: chosen ones, the matches of a search (less the ones `except` names: a
 * Ctrl/Cmd+A selection with a few rows unticked), a reader's collection (in its own order), or
 * the whole archive. */
export type ExportSelection =
  | { ids: number[] }
  | { query: string; sort?: 'relevance' | 'newest' | 'oldest'; except?: number[] }
  | { collection: string }
  | { all: true }

export interface ExportRequest {
  format: ExportFormat
  selection: ExportSelection
  /** Where to write: a folder for markdown, a file otherwise. Nothing is written under this name
   * until the export is complete. */
  out: string
  /** The export's title (HTML, EPUB and PDF); default: "Lectern export". */
  title?: string
}

export interface ExportProgress {
  phase: 'selecting' | 'writing' | 'finishing' | 'done'
  done: number
  total: number
}

export interface ExportReport {
  format: ExportFormat
  /** The file or folder written (absent when cancelled). */
  out: string | null
  articles: number
  /** Stored pictures written into the export. */
  pictures: number
  /** Pictures not in the archive (the export names them instead of fetching them). */
  missingPictures: number
  cancelled: boolean
}
