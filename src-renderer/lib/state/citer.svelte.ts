// The bulk bar's Cite: the bibliography of the picked articles in the chosen style, to read and to
// copy. The picks go to the server as they are (ids, or "this query except these"), so a
// Ctrl/Cmd+A over a whole result set is cited without loading its rows into the page.
import { api } from '../api/client'
import type { Citations } from '../../../src-main/shared/annotations'
import type { Selection } from '../../../src-main/shared/organise'
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'
import { settings } from './settings.svelte'
import { ui } from './ui.svelte'

export class Citer {
  #selection: Selection | null = null
  #result = $state.raw<Citations | null>(null)
  #error = $state.raw<Problem | null>(null)
  #loading = $state(false)
  #copied = $state(false)
  #seq = 0

  get result() {
    return this.#result
  }
  get loading() {
    return this.#loading
  }
  get copied() {
    return this.#copied
  }
  get error(): string | null {
    return this.#error && describe(this.#error)
  }

  /** Opens the dialog for these picks and cites them in the style of the settings. */
  open(selection: Selection): void {
    this.#selection = selection
    this.#result = null
    ui.open('cite')
    void this.run()
  }

  /** Cites the picks again (after the style or its language changed). */
  async run(): Promise<void> {
    const selection = this.#selection
    if (!selection) return
    const seq = ++this.#seq
    this.#loading = true
    this.#error = null
    this.#copied = false
    try {
      const r = await api.cite({
        selection,
        style: settings.citationStyle,
        locale: settings.citationLocale,
      })
      if (seq === this.#seq) this.#result = r
    } catch (e) {
      if (seq !== this.#seq) return
      this.#result = null
      this.#error = problemOf(e)
    } finally {
      if (seq === this.#seq) this.#loading = false
    }
  }

  /** The whole bibliography on the clipboard, as plain text and as HTML. */
  async copy(): Promise<void> {
    const r = this.#result
    if (!r) return
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([r.text], { type: 'text/plain' }),
          'text/html': new Blob([r.html], { type: 'text/html' }),
        }),
      ])
    } catch {
      await navigator.clipboard.writeText(r.text)
    }
    this.#copied = true
  }

  reset(): void {
    this.#seq++
    this.#selection = null
    this.#result = null
    this.#error = null
    this.#loading = false
    this.#copied = false
  }
}

export const citer = new Citer()
