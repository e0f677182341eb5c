// App-wide UI state: which dialog is open, the error banner, and focus targets for shortcuts.
import { ApiError } from '../api/client'

export type DialogName = 'import' | 'settings' | null

export class Ui {
  #dialog = $state<DialogName>(null)
  #error = $state<string | null>(null)

  get dialog() {
    return this.#dialog
  }
  get error() {
    return this.#error
  }

  open(d: DialogName): void {
    this.#dialog = d
  }

  close(): void {
    this.#dialog = null
  }

  /** Shows an error's message (the archive's own wording for ApiError) in the banner. */
  report(e: unknown): void {
    console.error(e)
    this.#error =
      e instanceof ApiError || e instanceof Error ? e.message || String(e) : String(e ?? 'Error')
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
    this.#dialog = null
    this.#error = null
  }
}

export const ui = new Ui()
