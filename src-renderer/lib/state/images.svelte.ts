// Downloading pictures into the archive: for the open article or the whole archive, one run at
// a time (the archive runs one long job at once), with live progress from `imageProgress`
// events and the final report. Pictures are only ever shown from the archive, so this is the
// one way a picture on the web reaches the reader.
import { api, onEvent } from '../api/client'
import { settings } from './settings.svelte'
import type { ImageFetchReport, ImageProgress, ImageStats } from '../../../src-main/shared/images'
import { LongJob } from './long-job.svelte'

/** An article's id, or the whole archive. */
export type FetchScope = number | 'all'
type OnDone = (report: ImageFetchReport | null) => void | Promise<void>

export class ImageFetcher extends LongJob<ImageProgress, ImageFetchReport> {
  protected readonly countingPhase = 'fetching'
  #scope = $state<FetchScope | null>(null)
  #stats = $state.raw<ImageStats | null>(null)
  #listening = false
  /** Whether the running download was started here (and so ends with our own report). */
  #own = false
  /** Articles already downloaded for automatically in this session (never twice). Bookkeeping
   * only, nothing renders it, so a plain Set. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #autoTried = new Set<number>()

  protected cancelCall() {
    return api.cancelFetchImages()
  }

  get running() {
    return this.phase === 'running'
  }
  get scope() {
    return this.#scope
  }
  /** The archive's picture counts, as of the last `refreshStats`. */
  get stats() {
    return this.#stats
  }

  /** Whether the current or last run was for this scope (and has something to show: progress,
   * a report, or why it could not run). */
  concerns(scope: FetchScope): boolean {
    return (this.phase !== 'idle' || this.error !== null) && this.#scope === scope
  }

  /** Follows progress events. Once this window's run has its report, late events are ignored;
   * a run started elsewhere (another tab) shows as running until its 'done' event. */
  listen(onExternalDone?: () => void): void {
    if (this.#listening) return
    this.#listening = true
    onEvent('imageProgress', (p) => {
      if (this.phase === 'running') {
        this.progressed(p)
        if (p.phase === 'done' && !this.#own) {
          this.ended()
          this.#scope = null
          onExternalDone?.()
        }
      } else if (this.phase === 'idle' && p.phase === 'fetching' && p.done === 0) {
        // not told which articles: shown where whole-archive runs are
        this.#own = false
        this.#scope = 'all'
        this.follow(p)
      }
    })
  }

  /** Downloads what is missing; resolves with the report (null on error or when busy). */
  async start(scope: FetchScope, onDone?: OnDone): Promise<ImageFetchReport | null> {
    if (this.running) return null
    this.#own = true
    this.#scope = scope
    // Heeded only by the desktop app; a server decides for itself (--allow-private-hosts).
    const allow = settings.allowPrivateHosts ? { allowPrivateHosts: true } : {}
    const report = await this.run(
      { phase: 'fetching', done: 0, total: 0, stored: 0, failed: 0, current: null, rate: 0 },
      () => api.fetchImages(scope === 'all' ? allow : { articleId: scope, ...allow }),
    )
    this.#own = false
    await onDone?.(report)
    void this.refreshStats()
    return report
  }

  /** For the "download when I open an article" setting: starts only when the article has web
   * pictures never tried (failed ones wait for the reader to ask again), once per session. */
  async autoFetch(articleId: number, onDone?: OnDone): Promise<void> {
    if (this.running || this.#autoTried.has(articleId)) return
    this.#autoTried.add(articleId)
    try {
      const refs = await api.imageStatus({ articleId })
      if (refs.some((r) => r.kind === 'remote' && r.status === 'missing')) {
        await this.start(articleId, onDone)
      }
    } catch (e) {
      this.#scope = articleId
      this.failed(e)
    }
  }

  /** Drops a finished article run's summary once another article is open. */
  forgetUnless(articleId: number): void {
    if (typeof this.#scope === 'number' && this.#scope !== articleId && !this.running) {
      this.again()
      this.#scope = null
    }
  }

  async refreshStats(): Promise<void> {
    try {
      this.#stats = (await api.stats()).images
    } catch {
      // counts are a courtesy; the archive's error shows where the user acts
    }
  }

  reset(): void {
    this.resetJob()
    this.#own = false
    this.#scope = null
    this.#stats = null
    this.#autoTried.clear()
  }
}

export const imageFetcher = new ImageFetcher()
