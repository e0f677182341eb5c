// The current search: query text, sort, and the results as a sparse set of pages of 100 loaded
// on demand as the list scrolls. Every new query bumps a counter; answers to older requests are
// dropped, so a slow response can never overwrite a newer one.
import { untrack } from 'svelte'
import { backoff } from '../backoff'
import { api } from '../api/client'
import type { SearchFacets, SearchHit, SearchSort } from '../../../src-main/shared/search-types'
import { parseQuery, type QueryWarning } from '../../../src-main/shared/query'
import { ui } from './ui.svelte'
import { settings } from './settings.svelte'
import type { Problem } from '../../../src-main/shared/problems'
import { describe } from '../../i18n'
import { problemOf } from '../problem'

export const PAGE = 100
const DEBOUNCE_MS = 150
// An answer whose facets are still being counted (just after start, or after a large archive
// changed: it may bring them as they were) is asked again after a while, longer each time: an
// import of a million files takes minutes, during which every ask is a whole search.
const facetsAgainAfter = backoff(400, 5000)

export class Search {
  #query = $state('')
  #sort = $state<SearchSort>('relevance')
  /** One row per story; starts from the setting, the list's toggle changes it for the session. */
  #group = $state(settings.groupStories)
  #total = $state(0)
  #facets = $state.raw<SearchFacets | null>(null)
  /** The shown answer's facets are still being counted (asked for again shortly). */
  #facetsPending = $state(false)
  // replaced, never mutated, so plain objects in $state.raw are enough
  #pages = $state.raw<Record<number, SearchHit[]>>({})
  #error = $state.raw<Problem | null>(null)
  #warnings = $state.raw<QueryWarning[]>([])
  /** The query the shown results (and their warnings' spans) belong to. */
  #searched = $state('')
  #loading = $state(false)
  #settled = $state(false)
  #active = $state(-1)
  /** Bumped per query; lets views scroll back to the top when the results change. */
  #generation = $state(0)
  #seq = 0
  #pending: Record<number, Promise<SearchHit[] | undefined>> = {}
  #timer: ReturnType<typeof setTimeout> | undefined
  #facetsTimer: ReturnType<typeof setTimeout> | undefined
  /** The last wait before asking for facets again, and the search it was for (`#generation`). */
  #facetsWait = 0
  #facetsOf = -1

  // the server's own parser, run here too: chips and reader marks agree with what was searched
  #parsed = $derived(parseQuery(this.#query))

  get query() {
    return this.#query
  }
  get sort() {
    return this.#sort
  }
  get group() {
    return this.#group
  }
  get total() {
    return this.#total
  }
  get facets() {
    return this.#facets
  }
  get facetsPending() {
    return this.#facetsPending
  }
  /** Why this search has no results (e.g. only punctuation), in the user's language. */
  get error(): string | null {
    return this.#error && describe(this.#error)
  }
  /** Parts of the searched query that were ignored; spans point into `searched`. */
  get warnings() {
    return this.#warnings
  }
  get searched() {
    return this.#searched
  }
  get loading() {
    return this.#loading
  }
  /** True once the first answer for the current archive has arrived. */
  get settled() {
    return this.#settled
  }
  get active() {
    return this.#active
  }
  get generation() {
    return this.#generation
  }
  get parsed() {
    return this.#parsed
  }
  /** The filter chips: every `key:value` token of the query as typed. */
  get filters() {
    return this.#parsed.fields
  }

  /** As the user types: debounced. */
  setQuery(q: string, immediate = false): void {
    this.#query = q
    clearTimeout(this.#timer)
    if (immediate) void this.run()
    else this.#timer = setTimeout(() => void this.run(), DEBOUNCE_MS)
  }

  /** Runs a pending debounced search now (Enter in the search box). */
  flush(): void {
    if (this.#timer === undefined) return
    clearTimeout(this.#timer)
    void this.run()
  }

  /** A query with its sort at once (a saved search). */
  show(q: string, sort: SearchSort): void {
    clearTimeout(this.#timer)
    this.#query = q
    this.#sort = sort
    void this.run()
  }

  /** Loads the shown results again in place (after their status or order changed), keeping the
   * active row and the scroll position. */
  async refresh(): Promise<void> {
    // A search typed but not yet answered goes first: refreshing the old one in its place would
    // drop the newer answer (only the latest request's answer is kept).
    if (this.#query !== this.#searched || this.#timer !== undefined || this.#loading) {
      clearTimeout(this.#timer)
      return this.run()
    }
    const seq = ++this.#seq
    this.#pending = {}
    try {
      const query = this.#searched
      const r = await api.search({ query, limit: PAGE, offset: 0, ...this.#order() })
      if (seq !== this.#seq) return
      const shown = Object.keys(this.#pages).map(Number)
      this.#pages = { 0: r.hits }
      this.#total = r.total
      this.#facets = r.facets ?? null
      this.#facetsLater(r.facetsPending, seq)
      this.#warnings = r.warnings ?? []
      this.setActive(this.#active)
      // the rows on screen come again too (the list asks only when its range moves)
      for (const p of shown) if (p > 0) void this.#loadPage(p)
    } catch (e) {
      if (seq === this.#seq) ui.report(e)
    }
  }

  /** The shown answer came without its facets (being counted): the same search again shortly,
   * in place, unless another search has been asked for since. */
  #facetsLater(pending: boolean | undefined, seq: number): void {
    clearTimeout(this.#facetsTimer)
    this.#facetsPending = pending === true
    if (!pending) {
      this.#facetsWait = 0
      return
    }
    // (a new search starts again from the shortest wait; a refresh of the same one waits longer)
    const search = untrack(() => this.#generation)
    if (search !== this.#facetsOf) this.#facetsWait = 0
    this.#facetsOf = search
    this.#facetsWait = facetsAgainAfter(this.#facetsWait)
    this.#facetsTimer = setTimeout(() => {
      if (seq === this.#seq) void this.refresh()
    }, this.#facetsWait)
  }

  /** The server has counted the facets the shown answer came without: asks again now rather
   * than at the next wait's end. */
  facetsReady(): void {
    if (!this.#facetsPending) return
    clearTimeout(this.#facetsTimer)
    void this.refresh()
  }

  setSort(sort: SearchSort): void {
    this.#sort = sort
    void this.run()
  }

  setGroup(group: boolean): void {
    if (group === this.#group) return
    this.#group = group
    void this.run()
  }

  setActive(i: number): void {
    if (this.#total === 0) this.#active = -1
    else this.#active = Math.max(0, Math.min(this.#total - 1, i))
  }

  hitAt(i: number): SearchHit | undefined {
    return this.#pages[Math.floor(i / PAGE)]?.[i % PAGE]
  }

  async run(): Promise<void> {
    this.#timer = undefined
    const seq = ++this.#seq
    this.#pending = {}
    this.#loading = true
    const query = this.#query
    try {
      const r = await api.search({ query, limit: PAGE, offset: 0, ...this.#order() })
      if (seq !== this.#seq) return
      this.#searched = query
      this.#pages = { 0: r.hits }
      this.#total = r.total
      this.#facets = r.facets ?? null
      this.#error = r.error ?? null
      this.#warnings = r.warnings ?? []
      this.#active = r.total > 0 ? 0 : -1
      this.#generation++
      this.#facetsLater(r.facetsPending, seq)
      this.#settled = true
    } catch (e) {
      if (seq !== this.#seq) return
      // shown in the list pane, where the results would be
      this.#error = problemOf(e)
      this.#pages = {}
      this.#total = 0
      this.#active = -1
      this.#settled = true
    } finally {
      if (seq === this.#seq) this.#loading = false
    }
  }

  /** Makes sure rows start..end (inclusive) are loaded or loading. */
  ensure(start: number, end: number): void {
    const last = Math.min(end, this.#total - 1)
    for (let p = Math.floor(Math.max(0, start) / PAGE); p <= Math.floor(last / PAGE); p++) {
      void this.#loadPage(p)
    }
  }

  /** The hit at index i, loading its page if needed. */
  async load(i: number): Promise<SearchHit | undefined> {
    if (i < 0 || i >= this.#total) return undefined
    await this.#loadPage(Math.floor(i / PAGE))
    return this.hitAt(i)
  }

  #loadPage(p: number): Promise<SearchHit[] | undefined> {
    const have = this.#pages[p]
    if (have) return Promise.resolve(have)
    const pending = this.#pending[p]
    if (pending) return pending
    const seq = this.#seq
    const req = { query: this.#query, limit: PAGE, offset: p * PAGE, ...this.#order() }
    const promise = api.search(req).then(
      (r) => {
        if (seq !== this.#seq) return undefined
        this.#pages = { ...this.#pages, [p]: r.hits }
        delete this.#pending[p]
        return r.hits
      },
      (e: unknown) => {
        if (seq === this.#seq) {
          delete this.#pending[p]
          ui.report(e)
        }
        return undefined
      },
    )
    this.#pending[p] = promise
    return promise
  }

  #order() {
    return { sort: this.#sort, group: this.#group }
  }

  reset(): void {
    clearTimeout(this.#timer)
    this.#seq++
    this.#pending = {}
    this.#query = ''
    this.#sort = 'relevance'
    this.#group = settings.groupStories
    this.#total = 0
    this.#facets = null
    this.#facetsPending = false
    this.#pages = {}
    this.#error = null
    this.#warnings = []
    this.#searched = ''
    this.#loading = false
    this.#settled = false
    this.#active = -1
  }
}

export const search = new Search()
