// What the archive says about itself (sample or not, whether this transport may import).
import { api, onEvent } from '../api/client'
import type { ArchiveInfo } from '../../../src-main/shared/api'
import { ui } from './ui.svelte'
import { session } from './session.svelte'

export class Archive {
  #info = $state.raw<ArchiveInfo | null>(null)

  get info() {
    return this.#info
  }
  get sample() {
    return this.#info?.sample ?? false
  }
  /** This server allows writes and this user's role includes them (a reader's does not). */
  get canImport() {
    return (this.#info?.canImport ?? false) && session.canEdit
  }

  async refresh(): Promise<void> {
    try {
      this.#info = await api.info()
    } catch (e) {
      ui.report(e)
    }
  }

  /** Calls back when another window or tab changed the archive. */
  listen(onChange: () => void): () => void {
    return onEvent('archiveChanged', (info) => {
      this.#info = info
      onChange()
    })
  }

  reset(): void {
    this.#info = null
  }
}

export const archive = new Archive()
