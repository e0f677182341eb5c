// One import at a time: the dialog's state, live progress from `importProgress` events, and the
// final report with a status filter. The report's files are read from the archive a page at a
// time as the list scrolls (`importReportFiles`): a million files never travel at once.
import { api, isDesktop, onEvent } from '../api/client'
import {
  STATUS_COUNTS,
  type ImportFileResult,
  type ImportFilesPage,
  type ImportProgress,
  type ImportReport,
  type ReportFilter,
} from '../../../src-main/shared/types'
import { LongJob } from './long-job.svelte'
import { PagedRows } from './paged-rows.svelte'
import { ui } from './ui.svelte'

export type { ReportFilter }
type OnDone = (report: ImportReport | null) => void | Promise<void>

/** Files a page of the report holds. */
const PAGE = 100

export class Importer extends LongJob<ImportProgress, ImportReport> {
  protected readonly countingPhase = 'importing'
  #filter = $state<ReportFilter>('notable')
  #folder = $state('')
  #fetchImagesAfter = $state(false)
  #watchAfter = $state(false)
  #listening = false
  /** Whether the running import was started here (and so ends with our own report). */
  #own = false
  /** Files worth a look and files with warnings (the first two filters' counts). */
  #counts = $state.raw({ notable: 0, warnings: 0 })
  /** The shown filter's files, a page at a time (the report of a million files never travels
   * whole). A page of another import's report (another window's, since) is not kept. */
  #files = new PagedRows<ImportFileResult, ImportFilesPage>({
    size: PAGE,
    fetch: (offset, limit) => api.importReportFiles({ filter: this.#filter, offset, limit }),
    take: (got) => {
      // (the first page is read before the report is kept: it is of this import)
      if (this.report && got.scanned !== this.report.scanned) {
        // another window's import ran since; the counts shown are still this one's
        this.#replaced = true
        return null
      }
      this.#counts = { notable: got.notable, warnings: got.warnings }
      return got.files
    },
    onError: (e) => ui.report(e),
  })
  /** The archive answered with another import's files: this report's list is gone. */
  #replaced = $state(false)

  protected cancelCall() {
    return api.cancelImport()
  }

  get filter() {
    return this.#filter
  }
  get folder() {
    return this.#folder
  }
  set folder(v: string) {
    this.#folder = v
  }
  /** Download the archive's pictures once an import finishes (the dialog's checkbox). */
  get fetchImagesAfter() {
    return this.#fetchImagesAfter
  }
  set fetchImagesAfter(v: boolean) {
    this.#fetchImagesAfter = v
  }
  /** Keep watching the imported folders (the dialog's checkbox). */
  get watchAfter() {
    return this.#watchAfter
  }
  set watchAfter(v: boolean) {
    this.#watchAfter = v
  }

  /** How many files a filter shows: warnings, failures, skips, duplicates ('notable'), those
   * with warnings, or those of one status. */
  count(filter: ReportFilter): number {
    if (filter === 'notable' || filter === 'warnings') return this.#counts[filter]
    return this.report?.[STATUS_COUNTS[filter]] ?? 0
  }

  /** Whether the shown report's file list was replaced by a later import's. */
  get replaced(): boolean {
    return this.#replaced
  }

  /** How many files the chosen filter shows. */
  get shownCount(): number {
    return this.count(this.#filter)
  }

  /** The shown filter's file at `i`, or undefined while its page is on its way. */
  fileAt(i: number): ImportFileResult | undefined {
    return this.#files.at(i)
  }

  /** Rows `start` to `end` are in view: reads the pages they are on. */
  want(start: number, end: number): void {
    this.#files.want(start, end)
  }

  /** Before another report: back to the first filter, nothing read, nothing counted. */
  #forgetReport(): void {
    this.#filter = 'notable'
    this.#files.forget()
    this.#counts = { notable: 0, warnings: 0 }
    this.#replaced = false
  }

  setFilter(f: ReportFilter): void {
    this.#filter = f
    this.#files.forget()
    this.want(0, 0)
  }

  /** Follows progress events. They travel apart from the call's answer and may arrive after
   * it, so once this window's import has its report, late events are ignored. An import
   * started elsewhere (another tab) shows as running until its 'done' event. */
  listen(onExternalDone?: () => void): void {
    if (this.#listening) return
    this.#listening = true
    onEvent('importProgress', (p) => {
      if (this.phase === 'running') {
        this.progressed(p)
        if (p.phase === 'done' && !this.#own) {
          this.ended()
          onExternalDone?.()
        }
      } else if (this.phase === 'idle' && p.phase === 'scanning') {
        this.#own = false
        this.follow(p)
      } else if (p.phase === 'done' && !this.#own) {
        // another window's import ended while this one was not following it (its own report
        // shown, or closed and not started again): the lists still show what it brought
        onExternalDone?.()
      }
    })
  }

  /** Desktop: the system folder picker. Returns false where there is none (the browser). */
  async choose(onDone?: OnDone): Promise<boolean> {
    if (!isDesktop) return false
    try {
      const folders = await api.chooseFolders()
      if (folders === null) return false
      if (folders.length > 0) await this.start(folders, onDone)
      return true
    } catch (e) {
      this.failed(e)
      return true
    }
  }

  /** Resolves when the import ends; calls back (with the report, if any) so lists can refresh. */
  async start(folders: string[], onDone?: OnDone): Promise<void> {
    const clean = folders.map((f) => f.trim()).filter(Boolean)
    if (clean.length === 0 || this.phase === 'running') return
    this.#own = true
    this.#forgetReport()
    const report = await this.run(
      { phase: 'scanning', scanned: 0, done: 0, total: 0, current: null, rate: 0 },
      async () => {
        const r = await api.importFolders({ folders: clean, listFiles: false })
        // the first page (and the counts of the filters) before the report shows
        await this.#files.readFirst()
        return r
      },
    )
    if (report && this.#watchAfter && !report.cancelled) {
      try {
        await api.watchFolders({ folders: clean })
      } catch (e) {
        ui.report(e)
      }
    }
    this.#own = false
    await onDone?.(this.report)
  }

  reset(): void {
    this.resetJob()
    this.#forgetReport()
    this.#folder = ''
    this.#fetchImagesAfter = false
    this.#watchAfter = false
  }
}

export const importer = new Importer()
