// What watched folders are busy with, for the banner: a burst being imported a slice at a time,
// or the catch-up at the app's start (which may look through a million files). One entry per
// folder, gone when its work is done.
import { SvelteMap } from 'svelte/reactivity'
import { onEvent } from '../api/client'
import type { WatchProgress } from '../../../src-main/shared/types'

class Watching {
  readonly busy = new SvelteMap<string, WatchProgress>()
  #listening = false

  listen(): () => void {
    if (this.#listening) return () => {}
    this.#listening = true
    const off = onEvent('watchProgress', (p) => this.seen(p))
    return () => {
      off()
      this.#listening = false
    }
  }

  seen(p: WatchProgress): void {
    if (p.phase === 'done') this.busy.delete(p.folder)
    else this.busy.set(p.folder, p)
  }
}

export const watching = new Watching()
