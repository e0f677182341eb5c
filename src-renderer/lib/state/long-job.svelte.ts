// A long job the archive runs one at a time (an import, an export): started by one call whose
// answer is the report, followed by progress events in between, cancelled by another call. The
// phases, the progress and its percentage, rate and time left, the report and the error are
// kept here once; each job adds what is its own (what to run, its form, its report's filters).
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'
import { ui } from './ui.svelte'

export type JobPhase = 'idle' | 'running' | 'done'

/** What every job's progress event says. `rate` (items a second) where the job measures it. */
export interface Counted {
  phase: string
  done: number
  total: number
  rate?: number
}

export abstract class LongJob<P extends Counted, R> {
  #phase = $state<JobPhase>('idle')
  #progress = $state.raw<P | null>(null)
  #report = $state.raw<R | null>(null)
  #error = $state.raw<Problem | null>(null)
  /** Items a second, measured here for a job whose events carry no rate. */
  #measured = $state(0)
  #start: { at: number; done: number } | null = null

  /** The phase in which `done` counts items: the rate and the time left are of this one. */
  protected abstract readonly countingPhase: P['phase']
  /** Asks the archive to stop the job; it then answers its call with a cancelled report. */
  protected abstract cancelCall(): Promise<unknown>

  get phase() {
    return this.#phase
  }
  get progress() {
    return this.#progress
  }
  get report() {
    return this.#report
  }
  /** Why the job could not run, in the user's language. */
  get error(): string | null {
    return this.#error && describe(this.#error)
  }
  /** Whether items are being counted (else the job is getting ready or finishing). */
  get counting(): boolean {
    return this.#progress?.phase === this.countingPhase
  }
  get percent(): number {
    const p = this.#progress
    return !p || p.total === 0 ? 0 : Math.round((p.done / p.total) * 100)
  }
  /** Items a second: the job's own figure, else measured since counting began. */
  get rate(): number {
    return this.#progress?.rate ?? this.#measured
  }
  /** Seconds left at the current rate, or null before there is a rate. */
  get secondsLeft(): number | null {
    const p = this.#progress
    if (!p || !this.counting || this.rate <= 0) return null
    return (p.total - p.done) / this.rate
  }

  /** Runs the job's call from `first` to its report (null when it failed: see `error`). */
  protected async run(first: P, call: () => Promise<R>): Promise<R | null> {
    this.#phase = 'running'
    this.#report = null
    this.#error = null
    this.#start = null
    this.#measured = 0
    this.#progress = first
    try {
      this.#report = await call()
      this.#phase = 'done'
    } catch (e) {
      this.#error = problemOf(e)
      this.#phase = 'idle'
    }
    return this.#report
  }

  /** A progress event of the running job. */
  protected progressed(p: P): void {
    this.#progress = p
    if (p.phase !== this.countingPhase || p.rate !== undefined) return
    const now = performance.now()
    if (!this.#start) this.#start = { at: now, done: p.done }
    const seconds = (now - this.#start.at) / 1000
    this.#measured = seconds > 0.5 ? (p.done - this.#start.done) / seconds : 0
  }

  /** A job started elsewhere (another window) is shown as running until it ends. */
  protected follow(p: P): void {
    this.#phase = 'running'
    this.#progress = p
  }

  /** The job followed from elsewhere ended (its report went to the window that started it). */
  protected ended(): void {
    this.#phase = 'idle'
  }

  protected failed(e: unknown): void {
    this.#error = problemOf(e)
  }

  async cancel(): Promise<void> {
    try {
      await this.cancelCall()
    } catch (e) {
      ui.report(e)
    }
  }

  /** Back to the form, keeping what was typed. */
  again(): void {
    if (this.#phase === 'running') return
    this.#phase = 'idle'
    this.#report = null
    this.#error = null
    this.#progress = null
  }

  protected resetJob(): void {
    this.#phase = 'idle'
    this.#progress = null
    this.#report = null
    this.#error = null
    this.#measured = 0
    this.#start = null
  }
}
