// Downloading pictures into the archive: for the open article or the whole archive, one run at
// a time (the archive runs one long job at once), with live progress from `imageProgress`
// events and the final report. Pictures are only ever shown from the archive, so this is the
// one way a picture on the web reaches the reader.
import { api, onEvent } from '../api/client'
import { settings } from './settings.svelte'
import type { ImageFetchReport, ImageProgress, ImageStats } from '../../../src-main/shared/images'
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'

/** An article's id, or the whole archive. */
export type FetchScope = number | 'all'
export type FetchPhase = 'idle' | 'running' | 'done'
type OnDone = (report: ImageFetchReport | null) => void | Promise<void>

export class ImageFetcher {
  #phase = $state<FetchPhase>('idle')
  #scope = $state<FetchScope | null>(null)
  #progress = $state.raw<ImageProgress | null>(null)
  #report = $state.raw<ImageFetchReport | null>(null)
  #error = $state.raw<Problem | null>(null)
  #stats = $state.raw<ImageStats | null>(null)
  #listening = false
  /** Whether the running download was started here (and so ends with our own report). */
  #own = false
  /** Articles already downloaded for automatically in this session (never twice). Bookkeeping
   * only, nothing renders it, so a plain Set. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #autoTried = new Set<number>()

  get phase() {
    return this.#phase
  }
  get running() {
    return this.#phase === 'running'
  }
  get scope() {
    return this.#scope
  }
  get progress() {
    return this.#progress
  }
  get report() {
    return this.#report
  }
  /** The last run's error, in the user's language. */
  get error(): string | null {
    return this.#error && describe(this.#error)
  }
  /** The archive's picture counts, as of the last `refreshStats`. */
  get stats() {
    return this.#stats
  }
  get percent(): number {
    const p = this.#progress
    return !p || p.total === 0 ? 0 : Math.round((p.done / p.total) * 100)
  }

  /** Whether the current or last run was for this scope (and has something to show). */
  concerns(scope: FetchScope): boolean {
    return this.#phase !== 'idle' && this.#scope === scope
  }

  /** Follows progress events. Once this window's run has its report, late events are ignored;
   * a run started elsewhere (another tab) shows as running until its 'done' event. */
  listen(onExternalDone?: () => void): void {
    if (this.#listening) return
    this.#listening = true
    onEvent('imageProgress', (p) => {
      if (this.#phase === 'running') {
        this.#progress = p
        if (p.phase === 'done' && !this.#own) {
          this.#phase = 'idle'
          this.#scope = null
          onExternalDone?.()
        }
      } else if (this.#phase === 'idle' && p.phase === 'fetching' && p.done === 0) {
        // not told which articles: shown where whole-archive runs are
        this.#own = false
        this.#phase = 'running'
        this.#scope = 'all'
        this.#progress = p
      }
    })
  }

  /** Downloads what is missing; resolves with the report (null on error or when busy). */
  async start(scope: FetchScope, onDone?: OnDone): Promise<ImageFetchReport | null> {
    if (this.#phase === 'running') return null
    this.#phase = 'running'
    this.#own = true
    this.#scope = scope
    this.#progress = null
    this.#report = null
    this.#error = null
    try {
      // Heeded only by the desktop app; a server decides for itself (--allow-private-hosts).
      const allow = settings.allowPrivateHosts ? { allowPrivateHosts: true } : {}
      this.#report = await api.fetchImages(scope === 'all' ? allow : { articleId: scope, ...allow })
    } catch (e) {
      this.#error = problemOf(e)
    }
    this.#phase = 'done'
    this.#own = false
    await onDone?.(this.#report)
    void this.refreshStats()
    return this.#report
  }

  /** For the "download when I open an article" setting: starts only when the article has web
   * pictures never tried (failed ones wait for the reader to ask again), once per session. */
  async autoFetch(articleId: number, onDone?: OnDone): Promise<void> {
    if (this.#phase === 'running' || this.#autoTried.has(articleId)) return
    this.#autoTried.add(articleId)
    try {
      const refs = await api.imageStatus({ articleId })
      if (refs.some((r) => r.kind === 'remote' && r.status === 'missing')) {
        await this.start(articleId, onDone)
      }
    } catch (e) {
      this.#error = problemOf(e)
    }
  }

  async cancel(): Promise<void> {
    try {
      await api.cancelFetchImages()
    } catch (e) {
      this.#error = problemOf(e)
    }
  }

  /** Drops a finished article run's summary once another article is open. */
  forgetUnless(articleId: number): void {
    if (this.#phase === 'done' && typeof this.#scope === 'number' && this.#scope !== articleId) {
      this.#phase = 'idle'
      this.#scope = null
      this.#report = null
      this.#error = null
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
    this.#own = false
    this.#phase = 'idle'
    this.#scope = null
    this.#progress = null
    this.#report = null
    this.#error = null
    this.#stats = null
    this.#autoTried.clear()
  }
}

export const imageFetcher = new ImageFetcher()
