// The reader's collections and saved searches as the library pane shows them, and the actions
// on them. Counts come from the archive; after any change the lists are asked for again.
import { api } from '../api/client'
import type {
  CollectionSummary,
  SavedSearchSummary,
  Selection,
} from '../../../src-main/shared/organise'
import { filterToken } from '../query'
import { search } from './search.svelte'
import { ui } from './ui.svelte'

export class Organise {
  #collections = $state.raw<CollectionSummary[]>([])
  #saved = $state.raw<SavedSearchSummary[]>([])

  get collections() {
    return this.#collections
  }
  get saved() {
    return this.#saved
  }

  async refresh(): Promise<void> {
    try {
      // the saved searches count as the list shows: stories when it is grouped by story
      const [c, s] = await Promise.all([
        api.listCollections(),
        api.listSaved({ group: search.group }),
      ])
      this.#collections = c
      this.#saved = s
    } catch (e) {
      ui.report(e)
    }
  }

  /** Runs a change, then refreshes the counts and the list; errors are shown, not thrown. */
  async #change<T>(fn: () => Promise<T>, rerun = true): Promise<T | null> {
    try {
      const r = await fn()
      await Promise.all([this.refresh(), rerun ? search.refresh() : null])
      return r
    } catch (e) {
      ui.report(e)
      return null
    }
  }

  create(name: string) {
    return this.#change(() => api.createCollection({ name }), false)
  }
  async rename(name: string, to: string) {
    const r = await this.#change(() => api.renameCollection({ name, to }), false)
    if (r && this.shown === name) search.setQuery(collectionQuery(r.name), true)
    return r
  }
  async remove(name: string) {
    const r = await this.#change(() => api.deleteCollection({ name }), false)
    if (r && this.shown === name) search.setQuery('', true)
    return r
  }
  add(name: string, selection: Selection) {
    return this.#change(() => api.addToCollection({ name, selection }))
  }
  move(name: string, articleId: number, to: number) {
    return this.#change(() => api.moveInCollection({ name, articleId, to }))
  }
  setRead(selection: Selection, read: boolean) {
    return this.#change(() => api.setRead({ selection, read }))
  }

  save(name: string) {
    const query = search.query
    return this.#change(() => api.saveSearch({ name, query, sort: search.sort }), false)
  }
  deleteSaved(name: string) {
    return this.#change(() => api.deleteSaved({ name }), false)
  }
  /** Shows its results, and from now on what was new is seen. */
  async open(name: string) {
    const s = await this.#change(() => api.openSaved({ name }), false)
    if (s) search.show(s.query, s.sort)
  }

  /** The collection the list shows as itself (`collection:x` alone), whose order can be edited. */
  get shown(): string | null {
    const q = search.parsed
    const only =
      q.collections.length === 1 &&
      !q.collections[0]!.negate &&
      q.groups.length + q.exclude.length + q.filters.length + q.read.length === 0 &&
      !q.after &&
      !q.before
    return only ? q.collections[0]!.name : null
  }
  get reorderable(): boolean {
    return this.shown !== null && search.sort === 'relevance'
  }

  reset(): void {
    this.#collections = []
    this.#saved = []
  }
}

export function collectionQuery(name: string): string {
  return filterToken('collection', name)
}

export const organise = new Organise()
