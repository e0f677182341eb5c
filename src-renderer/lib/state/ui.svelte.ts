// App-wide UI state: which dialog is open, the error banner, and focus targets for shortcuts.
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'

export type DialogName = 'import' | 'settings' | 'export' | 'cite' | null
export type ViewName = 'library' | 'annotations'

export class Ui {
  #dialog = $state<DialogName>(null)
  #view = $state<ViewName>('library')
  /** A code from the archive, or a sentence the UI already wrote in the user's language. */
  #error = $state.raw<Problem | { text: string } | null>(null)

  get dialog() {
    return this.#dialog
  }
  get error(): string | null {
    const e = this.#error
    return e === null ? null : 'text' in e ? e.text : describe(e)
  }

  get view() {
    return this.#view
  }

  show(v: ViewName): void {
    this.#view = v
  }

  open(d: DialogName): void {
    this.#dialog = d
  }

  close(): void {
    this.#dialog = null
  }

  /** Shows an error in the banner: a failed call by its code, translated; a string as written
   * (the UI's own text, already translated); anything else as an internal fault. */
  report(e: unknown): void {
    this.#error = typeof e === 'string' ? { text: e } : problemOf(e)
  }

  dismissError(): void {
    this.#error = null
  }

  /** Moves focus to an element by id after the DOM has updated. */
  focus(id: string, select = false): void {
    queueMicrotask(() => {
      const el = document.getElementById(id)
      el?.focus()
      if (select && el instanceof HTMLInputElement) el.select()
    })
  }

  reset(): void {
    this.#view = 'library'
    this.#dialog = null
    this.#error = null
  }
}

export const ui = new Ui()
