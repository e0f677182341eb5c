// Keeping the archive from the app: bulk changes on the current search (or on the rows picked in
// the list), the undo offered right after each change, and the Trash view.
import { api } from '../api/client'
import type {
  ArticleChanges,
  BulkResult,
  TrashedArticle,
  TrashPage,
} from '../../../src-main/shared/types'
import type { Selection } from '../../../src-main/shared/organise'
import { reader } from './reader.svelte'
import { search } from './search.svelte'
import { ui } from './ui.svelte'
import { PagedRows } from './paged-rows.svelte'

/** What the last change did, for the undo bar ("Tagged 12 articles · Undo"). */
export interface LastChange {
  kind:
    'edit' | 'tag' | 'untag' | 'category' | 'uncategory' | 'source' | 'merge' | 'trash' | 'restore'
  articles: number
}

export class Keep {
  #last = $state.raw<LastChange | null>(null)
  #busy = $state(false)
  /** Articles in the trash, and the trash a page at a time as it scrolls. */
  #trashTotal = $state(0)
  #trash = new PagedRows<TrashedArticle, TrashPage>({
    size: 100,
    fetch: (offset, limit) => api.trashList({ offset, limit }),
    take: (page) => {
      this.#trashTotal = page.total
      return page.articles
    },
    onError: (e) => ui.report(e),
  })
  #trashOpen = $state(false)

  get last() {
    return this.#last
  }
  get busy() {
    return this.#busy
  }
  /** How many articles are in the trash (as of the last page read). */
  get trashTotal() {
    return this.#trashTotal
  }
  /** The trashed article at row `i` (newest first), or undefined while its page is on its way. */
  trashAt(i: number): TrashedArticle | undefined {
    return this.#trash.at(i)
  }
  /** Rows `start` to `end` of the trash are in view. */
  wantTrash(start: number, end: number): void {
    this.#trash.want(start, end)
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
    // its first page before it shows: an empty trash is not "empty" for a moment, a full one
    this.#trash.forget()
    await this.#trash.readFirst()
    this.#trashOpen = true
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

  #loadTrash(): Promise<void> {
    return this.#trash.refresh()
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
    this.#trash.forget()
    this.#trashTotal = 0
    this.#trashOpen = false
  }
}

export const keep = new Keep()
