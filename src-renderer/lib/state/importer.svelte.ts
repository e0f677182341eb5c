// One import at a time: the dialog's state, live progress from `importProgress` events, and the
// final report with a status filter.
import { api, isDesktop, onEvent } from '../api/client'
import type {
  FileStatus,
  ImportFileResult,
  ImportProgress,
  ImportReport,
} from '../../../src-main/shared/types'
import { ui } from './ui.svelte'
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'

export type ReportFilter = FileStatus | 'all' | 'warnings'
export type ImportPhase = 'idle' | 'running' | 'done'
type OnDone = (report: ImportReport | null) => void | Promise<void>

export class Importer {
  #phase = $state<ImportPhase>('idle')
  #progress = $state.raw<ImportProgress | null>(null)
  #report = $state.raw<ImportReport | null>(null)
  #error = $state.raw<Problem | null>(null)
  #filter = $state<ReportFilter>('all')
  #folder = $state('')
  #fetchImagesAfter = $state(false)
  #watchAfter = $state(false)
  #listening = false
  /** Whether the running import was started here (and so ends with our own report). */
  #own = false

  #notable = $derived(
    (this.#report?.files ?? []).filter(
      (f) =>
        f.warnings.length > 0 ||
        f.error ||
        !['imported', 'updated', 'unchanged'].includes(f.status),
    ),
  )
  #shown = $derived(this.#select(this.#filter))

  get phase() {
    return this.#phase
  }
  get progress() {
    return this.#progress
  }
  get report() {
    return this.#report
  }
  /** Why the import could not start, in the user's language. */
  get error(): string | null {
    return this.#error && describe(this.#error)
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
  /** Files worth a look: warnings, failures, skips, duplicates. */
  get notable(): ImportFileResult[] {
    return this.#notable
  }
  get shown(): ImportFileResult[] {
    return this.#shown
  }
  get percent(): number {
    const p = this.#progress
    if (!p || p.total === 0) return 0
    return Math.round((p.done / p.total) * 100)
  }
  /** Seconds left at the current rate, or null before there is a rate. */
  get secondsLeft(): number | null {
    const p = this.#progress
    if (!p || p.phase !== 'importing' || p.rate <= 0) return null
    return (p.total - p.done) / p.rate
  }

  count(filter: ReportFilter): number {
    return this.#select(filter).length
  }

  #select(filter: ReportFilter): ImportFileResult[] {
    if (filter === 'all') return this.#notable
    if (filter === 'warnings') return this.#notable.filter((f) => f.warnings.length > 0)
    return (this.#report?.files ?? []).filter((f) => f.status === filter)
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
      if (this.#phase === 'running') {
        this.#progress = p
        if (p.phase === 'done' && !this.#own) {
          this.#phase = 'idle'
          onExternalDone?.()
        }
      } else if (this.#phase === 'idle' && p.phase === 'scanning') {
        this.#own = false
        this.#phase = 'running'
        this.#progress = p
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
      this.#error = problemOf(e)
      return true
    }
  }

  /** Resolves when the import ends; calls back (with the report, if any) so lists can refresh. */
  async start(folders: string[], onDone?: OnDone): Promise<void> {
    const clean = folders.map((f) => f.trim()).filter(Boolean)
    if (clean.length === 0 || this.#phase === 'running') return
    this.#phase = 'running'
    this.#own = true
    this.#report = null
    this.#error = null
    this.#filter = 'all'
    this.#progress = { phase: 'scanning', scanned: 0, done: 0, total: 0, current: null, rate: 0 }
    try {
      this.#report = await api.importFolders({ folders: clean })
      this.#phase = 'done'
      if (this.#watchAfter && !this.#report.cancelled) await api.watchFolders({ folders: clean })
    } catch (e) {
      this.#error = problemOf(e)
      this.#phase = 'idle'
    }
    this.#own = false
    await onDone?.(this.#report)
  }

  async cancel(): Promise<void> {
    try {
      await api.cancelImport()
    } catch (e) {
      ui.report(e)
    }
  }

  /** Back to the form, keeping the folder typed last. */
  again(): void {
    if (this.#phase === 'running') return
    this.#phase = 'idle'
    this.#report = null
    this.#error = null
    this.#progress = null
  }

  reset(): void {
    this.#phase = 'idle'
    this.#progress = null
    this.#report = null
    this.#error = null
    this.#filter = 'all'
    this.#folder = ''
    this.#fetchImagesAfter = false
    this.#watchAfter = false
  }
}

export const importer = new Importer()
