// One import at a time: the dialog's state, live progress from `importProgress` events, and the
// final report with a status filter.
import { api, isDesktop, onEvent } from '../api/client'
import type {
  FileStatus,
  ImportFileResult,
  ImportProgress,
  ImportReport,
} from '../../../src-main/shared/types'
import { LongJob } from './long-job.svelte'

export type ReportFilter = FileStatus | 'all' | 'warnings'
type OnDone = (report: ImportReport | null) => void | Promise<void>

export class Importer extends LongJob<ImportProgress, ImportReport> {
  protected readonly countingPhase = 'importing'
  #filter = $state<ReportFilter>('all')
  #folder = $state('')
  #fetchImagesAfter = $state(false)
  #listening = false
  /** Whether the running import was started here (and so ends with our own report). */
  #own = false

  #notable = $derived(
    (this.report?.files ?? []).filter(
      (f) =>
        f.warnings.length > 0 ||
        f.error ||
        !['imported', 'updated', 'unchanged'].includes(f.status),
    ),
  )
  #shown = $derived(this.#select(this.#filter))

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
  /** Files worth a look: warnings, failures, skips, duplicates. */
  get notable(): ImportFileResult[] {
    return this.#notable
  }
  get shown(): ImportFileResult[] {
    return this.#shown
  }

  count(filter: ReportFilter): number {
    return this.#select(filter).length
  }

  #select(filter: ReportFilter): ImportFileResult[] {
    if (filter === 'all') return this.#notable
    if (filter === 'warnings') return this.#notable.filter((f) => f.warnings.length > 0)
    return (this.report?.files ?? []).filter((f) => f.status === filter)
  }

  setFilter(f: ReportFilter): void {
    this.#filter = f
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
    this.#filter = 'all'
    await this.run(
      { phase: 'scanning', scanned: 0, done: 0, total: 0, current: null, rate: 0 },
      () => api.importFolders({ folders: clean }),
    )
    this.#own = false
    await onDone?.(this.report)
  }

  reset(): void {
    this.resetJob()
    this.#filter = 'all'
    this.#folder = ''
    this.#fetchImagesAfter = false
  }
}

export const importer = new Importer()
