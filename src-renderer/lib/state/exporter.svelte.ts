// One export at a time: what to write (format; the rows picked in the list, the current search or
// the whole archive), where, live progress from `exportProgress` events, and the outcome.
import { api, isDesktop, onEvent } from '../api/client'
import type {
  ExportFormat,
  ExportProgress,
  ExportReport,
  ExportSelection,
} from '../../../src-main/shared/export'
import { LongJob } from './long-job.svelte'
import { ui } from './ui.svelte'

export type ExportScope = 'picked' | 'search' | 'all'

/** The rows picked in the list, as the export asks for them, and how many they are. */
export interface PickedRows {
  selection: ExportSelection
  count: number
}

export class Exporter extends LongJob<ExportProgress, ExportReport> {
  protected readonly countingPhase = 'writing'
  #format = $state<ExportFormat>('html')
  #scope = $state<ExportScope>('search')
  #out = $state('')
  #picked = $state.raw<PickedRows | null>(null)
  #listening = false

  protected cancelCall() {
    return api.cancelExport()
  }

  get format() {
    return this.#format
  }
  set format(f: ExportFormat) {
    this.#format = f
  }
  get scope() {
    return this.#scope
  }
  set scope(s: ExportScope) {
    this.#scope = s
  }
  /** Where to write: chosen in the save dialog (desktop) or typed as a path on the server. */
  get out() {
    return this.#out
  }
  set out(v: string) {
    this.#out = v
  }
  /** The picks the dialog was opened with from the bulk bar (null from the Export… button). */
  get picked() {
    return this.#picked
  }

  listen(): void {
    if (this.#listening) return
    this.#listening = true
    onEvent('exportProgress', (p) => {
      if (this.phase === 'running') this.progressed(p)
    })
  }

  /** The Export… button: the current search or the whole archive. */
  open(): void {
    this.#picked = null
    if (this.#scope === 'picked') this.#scope = 'search'
    ui.open('export')
  }

  /** The bulk bar: the picked rows, ids or a whole result set less some, which the server
   * resolves (the page never loads them). */
  openPicked(picked: PickedRows): void {
    this.#picked = picked
    this.#scope = 'picked'
    ui.open('export')
  }

  /** Desktop: the system's save dialog fills in the destination. */
  async choose(): Promise<void> {
    if (!isDesktop) return
    try {
      const out = await api.chooseExportTarget({ format: this.#format })
      if (out) this.#out = out
    } catch (e) {
      this.failed(e)
    }
  }

  async start(search: { query: string; sort: 'relevance' | 'newest' | 'oldest' }): Promise<void> {
    const out = this.#out.trim()
    if (!out || this.phase === 'running') return
    const selection: ExportSelection =
      this.#scope === 'picked' && this.#picked
        ? this.#picked.selection
        : this.#scope === 'all' || search.query.trim() === ''
          ? { all: true }
          : { query: search.query, sort: search.sort }
    await this.run({ phase: 'selecting', done: 0, total: 0 }, () =>
      api.exportArticles({ format: this.#format, selection, out }),
    )
  }

  reset(): void {
    this.resetJob()
    this.#format = 'html'
    this.#scope = 'search'
    this.#picked = null
    this.#out = ''
  }
}

export const exporter = new Exporter()
