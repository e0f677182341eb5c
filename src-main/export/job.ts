// The export core: a list of articles in, one file or folder out, with progress and cancel. The
// result is written under a temporary name beside the target and renamed at the very end, so a
// cancelled or failed export leaves nothing under the name the user chose.
import { randomBytes } from 'node:crypto'
import { rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { shownArticle } from '../db/edits'
import type { Archive } from '../db/open'
import { LecternError } from '../shared/errors'
import type { ExportProgress, ExportReport, ExportRequest } from '../shared/export'
import type { Article } from '../shared/types'
import { WRITERS, type PdfPrinter } from './formats'
import { selectArticles } from './select'

/** One Markdown file written, and how it differs from the archive's article (for tests). */
export interface ExportedFile {
  id: number
  file: string
  added: string[]
  inexact: string[]
}

export interface ExportContext {
  db: Archive
  /** The temporary path to write (a folder for markdown, a file otherwise). */
  tempOut: string
  title: string
  total: number
  pdf?: PdfPrinter | undefined
  chromium?: string | null | undefined
  owner?: string | undefined
  picture(): void
  missingPicture(): void
  note(f: ExportedFile): void
}

/** Scratch space beside the temporary output, removed whatever happens. */
export function workDirOf(tempOut: string): string {
  return `${tempOut}.work`
}

export interface ArticleWriter {
  article(a: Article, index: number): Promise<void>
  /** Completes the temporary output (the table of contents, the zip, the printing). */
  finish(): Promise<void>
}

export interface ExportOptions {
  signal?: AbortSignal
  onProgress?: (p: ExportProgress) => void
  /** How PDF is printed: Chromium through playwright-core by default, Electron on the desktop. */
  pdf?: PdfPrinter
  /** The browser that prints PDF where no printer is given: a path, null for none, or (absent)
   * the first one installed. */
  chromium?: string | null
  /** Whose highlights and notes go into a Markdown export (default: the desktop's one reader). */
  owner?: string
}

export type ExportResult = ExportReport & { files: ExportedFile[] }

async function checkTarget(out: string, folder: boolean): Promise<void> {
  const parent = await stat(dirname(out)).catch(() => null)
  if (!parent?.isDirectory()) throw new LecternError('not-a-folder', { folder: dirname(out) })
  const there = await stat(out).catch(() => null)
  // A file is replaced, as a save dialog does after asking; a folder is never merged into.
  if (there && (folder || there.isDirectory())) throw new LecternError('export-exists', { out })
}

export async function exportArticles(
  db: Archive,
  req: ExportRequest,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const out = resolve(req.out)
  const folder = req.format === 'markdown'
  await checkTarget(out, folder)
  const progress: ExportProgress = { phase: 'selecting', done: 0, total: 0 }
  const emit = () => opts.onProgress?.({ ...progress })
  emit()
  const ids = selectArticles(db, req.selection)
  if (ids.length === 0) throw new LecternError('nothing-to-export')

  const tempOut = join(dirname(out), `.${basename(out)}.part-${randomBytes(4).toString('hex')}`)
  const report: ExportResult = {
    format: req.format,
    out: null,
    articles: 0,
    pictures: 0,
    missingPictures: 0,
    cancelled: false,
    files: [],
  }
  const ctx: ExportContext = {
    db,
    tempOut,
    title: req.title?.trim() || 'Lectern export',
    total: ids.length,
    pdf: opts.pdf,
    chromium: opts.chromium,
    owner: opts.owner,
    picture: () => report.pictures++,
    missingPicture: () => report.missingPictures++,
    note: (f) => report.files.push(f),
  }
  progress.phase = 'writing'
  progress.total = ids.length
  emit()
  let last = 0
  try {
    const writer = await WRITERS[req.format](ctx)
    for (const [i, id] of ids.entries()) {
      if (opts.signal?.aborted) {
        report.cancelled = true
        break
      }
      // As the user sees it: their edits over the imported values.
      const a = shownArticle(db, id)
      if (a) {
        await writer.article(a, i)
        report.articles++
      }
      progress.done = i + 1
      if (Date.now() - last > 100 || progress.done === progress.total) {
        last = Date.now()
        emit()
      }
    }
    if (!report.cancelled) {
      progress.phase = 'finishing'
      emit()
      await writer.finish()
      if (opts.signal?.aborted) report.cancelled = true
    }
    if (!report.cancelled) {
      await rename(tempOut, out)
      report.out = out
    }
  } finally {
    await rm(workDirOf(tempOut), { recursive: true, force: true })
    if (report.out === null) await rm(tempOut, { recursive: true, force: true })
    progress.phase = 'done'
    emit()
  }
  return report
}
