// Rows read from the archive a page at a time as a long list scrolls (the import report's files,
// the trash): a million rows never travel at once. The list asks for the rows in view (`want`)
// and draws `at(i)` (undefined while its page is on its way); `refresh` reads again what is in
// view when the rows changed, `forget` drops everything read (a list of other rows).
import { untrack } from 'svelte'
import { SvelteMap } from 'svelte/reactivity'

export class PagedRows<T, R> {
  readonly #size: number
  /** Reads a page from the archive. */
  readonly #fetch: (offset: number, limit: number) => Promise<R>
  /** Its rows, once it is known to be of the rows still shown (null: keep none of it). */
  readonly #take: (reply: R) => T[] | null
  readonly #onError: (e: unknown) => void
  /** The pages read so far, by number (rows reading `at` draw as they land). */
  #pages = new SvelteMap<number, T[]>()
  /** Pages on their way: bookkeeping only, nothing draws from it. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #asked = new Set<number>()
  /** Bumped by `forget`: a page asked for before is dropped when it comes. */
  #generation = 0
  #inView: [number, number] = [0, 0]

  constructor(opts: {
    size: number
    fetch: (offset: number, limit: number) => Promise<R>
    take: (reply: R) => T[] | null
    onError: (e: unknown) => void
  }) {
    this.#size = opts.size
    this.#fetch = opts.fetch
    this.#take = opts.take
    this.#onError = opts.onError
  }

  /** Row `i`, or undefined while its page is on its way. */
  at(i: number): T | undefined {
    return this.#pages.get(Math.floor(i / this.#size))?.[i % this.#size]
  }

  /** Rows `start` to `end` are in view: reads the pages they are on. */
  want(start: number, end: number): void {
    // called from the list's effect, which should not rerun as pages land
    untrack(() => {
      this.#inView = [start, end]
      for (let p = Math.floor(start / this.#size); p <= Math.floor(end / this.#size); p++) {
        if (!this.#pages.has(p) && !this.#asked.has(p)) void this.#read(p)
      }
    })
  }

  /** The rows changed: what was read is dropped, and the pages in view are read again (kept on
   * screen until they come, so the list does not blink). */
  refresh(): Promise<void> {
    this.#generation++
    this.#asked.clear()
    const first = Math.floor(this.#inView[0] / this.#size)
    const last = Math.floor(this.#inView[1] / this.#size)
    for (const p of [...this.#pages.keys()]) if (p < first || p > last) this.#pages.delete(p)
    const pages: Promise<void>[] = []
    for (let p = first; p <= last; p++) pages.push(this.#read(p))
    return Promise.all(pages).then(() => {})
  }

  /** Reads the first page now (what a list shows first, before it is drawn). */
  readFirst(): Promise<void> {
    return this.#read(0)
  }

  /** Nothing read: a list of other rows (another filter, another report). */
  forget(): void {
    this.#generation++
    this.#pages.clear()
    this.#asked.clear()
  }

  async #read(page: number): Promise<void> {
    const generation = this.#generation
    this.#asked.add(page)
    try {
      const reply = await this.#fetch(page * this.#size, this.#size)
      if (generation !== this.#generation) return
      const rows = this.#take(reply)
      if (rows !== null) this.#pages.set(page, rows)
    } catch (e) {
      if (generation === this.#generation) this.#onError(e)
    } finally {
      if (generation === this.#generation) this.#asked.delete(page)
    }
  }
}
