// Reading status of the open article: read or not, where the reader stopped, which collections
// hold it. Marked read after it was open long enough or scrolled to its end (a setting); the
// place is saved as the fraction scrolled, a moment after scrolling stops.
import { api } from '../api/client'
import { archive } from './archive.svelte'
import { organise } from './organise.svelte'
import { settings } from './settings.svelte'
import { ui } from './ui.svelte'

const SAVE_AFTER_MS = 700
/** Scrolled this far counts as the end (the last lines rarely reach the very bottom). */
const END = 0.98

export class Reading {
  #id = $state<number | null>(null)
  #read = $state(false)
  #position = $state<number | null>(null)
  #collections = $state.raw<string[]>([])
  #timer: ReturnType<typeof setTimeout> | undefined
  #saveTimer: ReturnType<typeof setTimeout> | undefined

  get read() {
    return this.#read
  }
  /** Where the reader stopped last time, 0..1, or null. */
  get position() {
    return this.#position
  }
  get collections() {
    return this.#collections
  }

  /** A new article is open: ask where the reader was with it, and start the read timer. */
  async open(id: number): Promise<void> {
    this.#stop()
    this.#id = id
    this.#read = false
    this.#position = null
    this.#collections = []
    try {
      const [state, names] = await Promise.all([
        api.readingState({ articleId: id }),
        api.collectionsOf({ articleId: id }),
      ])
      if (this.#id !== id) return
      this.#read = state.read
      this.#position = state.position
      this.#collections = names
    } catch (e) {
      ui.report(e)
      return
    }
    if (!this.#read && settings.markRead === 'time' && archive.canImport) {
      this.#timer = setTimeout(() => void this.mark(true), settings.markReadSeconds * 1000)
    }
  }

  async mark(read: boolean): Promise<void> {
    const id = this.#id
    if (id === null) return
    clearTimeout(this.#timer)
    const r = await organise.setRead({ ids: [id] }, read)
    if (r && this.#id === id) this.#read = read
  }

  /** The reader scrolled to `fraction` of the article. */
  scrolled(fraction: number): void {
    const id = this.#id
    if (id === null || !archive.canImport) return
    if (fraction >= END && !this.#read && settings.markRead === 'end') void this.mark(true)
    clearTimeout(this.#saveTimer)
    this.#saveTimer = setTimeout(() => {
      const position = Math.min(1, Math.max(0, fraction))
      api.savePlace({ articleId: id, position }).catch((e: unknown) => ui.report(e))
    }, SAVE_AFTER_MS)
  }

  async addTo(name: string): Promise<void> {
    const id = this.#id
    if (id === null) return
    const r = await organise.add(name, { ids: [id] })
    if (r && this.#id === id && !this.#collections.includes(name)) {
      this.#collections = [...this.#collections, name].sort()
    }
  }

  #stop(): void {
    clearTimeout(this.#timer)
    clearTimeout(this.#saveTimer)
  }

  reset(): void {
    this.#stop()
    this.#id = null
    this.#read = false
    this.#position = null
    this.#collections = []
  }
}

export const reading = new Reading()
