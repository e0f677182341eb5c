// Keeping the archive from the app: bulk changes on the current search (or on the rows picked in
// the list), the undo offered right after each change, and the Trash view.
import { api } from '../api/client'
import type { ArticleChanges, BulkResult, TrashedArticle } from '../../../src-main/shared/types'
import type { Selection } from '../../../src-main/shared/organise'
import { reader } from './reader.svelte'
import { search } from './search.svelte'
import { ui } from './ui.svelte'

/** What the last change did, for the undo bar ("Tagged 12 articles · Undo"). */
export interface LastChange {
  kind:
    'edit' | 'tag' | 'untag' | 'category' | 'uncategory' | 'source' | 'merge' | 'trash' | 'restore'
  articles: number
}

export class Keep {
  #last = $state.raw<LastChange | null>(null)
  #busy = $state(false)
  #trash = $state.raw<TrashedArticle[]>([])
  #trashOpen = $state(false)

  get last() {
    return this.#last
  }
  get busy() {
    return this.#busy
  }
  get trash() {
    return this.#trash
  }
  get trashOpen() {
    return this.#trashOpen
  }

  /** The ids a bulk change acts on: the picked rows (ids, or a whole search but some), or every
   * article of the current search. */
  async #target(sel?: Selection): Promise<number[]> {
    if (sel && 'ids' in sel) return sel.ids
    const ids = await api.searchIds({ query: sel ? sel.query : search.searched })
    if (!sel || sel.except.length === 0) return ids
    // a lookup for this one call, not state
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const except = new Set(sel.except)
    return ids.filter((id) => !except.has(id))
  }

  async #change(kind: LastChange['kind'], run: () => Promise<BulkResult>): Promise<boolean> {
    this.#busy = true
    try {
      const r = await run()
      this.#last = r.undoId === null ? null : { kind, articles: r.changed }
      await this.refresh()
      return true
    } catch (e) {
      ui.report(e)
      return false
    } finally {
      this.#busy = false
    }
  }

  /** Adds or removes labels, or sets the source, on the picked articles or on the whole current
   * search. */
  bulkEdit(
    kind: 'tag' | 'untag' | 'category' | 'uncategory' | 'source',
    changes: ArticleChanges,
    sel?: Selection,
  ) {
    return this.#change(kind, async () =>
      api.bulkEdit({ ids: await this.#target(sel), ...changes }),
    )
  }

  trashArticles(sel?: Selection) {
    return this.#change('trash', async () => api.trashArticles({ ids: await this.#target(sel) }))
  }

  /** Merges labels that mean the same into one (one label: a rename), for later imports too. */
  mergeLabels(kind: 'tag' | 'category', labels: string[], into: string) {
    return this.#change('merge', () => api.mergeLabels({ kind, labels, into }))
  }

  restore(ids: number[]) {
    return this.#change('restore', () => api.restoreArticles({ ids }))
  }

  /** An edit of the open article, undoable like a bulk change. */
  async editOpen(changes: ArticleChanges): Promise<boolean> {
    const id = reader.article?.id
    if (id === undefined) return false
    try {
      await api.editArticle({ id, ...changes })
      this.#last = { kind: 'edit', articles: 1 }
      await this.refresh()
      return true
    } catch (e) {
      ui.report(e)
      return false
    }
  }

  async undo(): Promise<void> {
    try {
      await api.undo()
      this.#last = null
      await this.refresh()
    } catch (e) {
      ui.report(e)
    }
  }

  dismiss(): void {
    this.#last = null
  }

  async openTrash(): Promise<void> {
    this.#trashOpen = true
    await this.#loadTrash()
  }

  closeTrash(): void {
    this.#trashOpen = false
  }

  async emptyTrash(): Promise<void> {
    try {
      await api.emptyTrash()
      this.#last = null
      await this.refresh()
    } catch (e) {
      ui.report(e)
    }
  }

  async #loadTrash(): Promise<void> {
    try {
      this.#trash = await api.trashList()
    } catch (e) {
      ui.report(e)
    }
  }

  /** The list (in place: the active row and the scroll stay), the open article and the trash
   * show the archive as it is now. */
  async refresh(): Promise<void> {
    await Promise.all([
      search.refresh(),
      reader.reload(),
      this.#trashOpen ? this.#loadTrash() : Promise.resolve(),
    ])
  }

  reset(): void {
    this.#last = null
    this.#busy = false
    this.#trash = []
    this.#trashOpen = false
  }
}

export const keep = new Keep()
