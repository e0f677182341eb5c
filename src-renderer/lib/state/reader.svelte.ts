// The article open in the reader and its place in the result list. Like search, a counter drops
// answers for articles no longer wanted.
import { api } from '../api/client'
import type { Article } from '../../../src-main/shared/types'
import { snippetWords, type Marking } from '../highlight'
import { search } from './search.svelte'
import { ui } from './ui.svelte'

export class Reader {
  #article = $state.raw<Article | null>(null)
  #index = $state(-1)
  #loading = $state(false)
  /** Counts openings (not reloads), so the view returns to the top only for a new opening. */
  #opens = $state(0)
  #marking = $state.raw<Marking | null>(null)
  /** The search generation the index belongs to; a new search detaches the article. */
  #generation = $state(-1)
  /** The story's other versions are shown under the article's header. */
  #versions = $state(false)
  #seq = 0
  /** A highlight to scroll to once the article is drawn (from the Annotations view). */
  jumpTo = $state<number | null>(null)

  get article() {
    return this.#article
  }
  /** Position of the open article in the current results, or -1. */
  get index() {
    return this.#generation === search.generation ? this.#index : -1
  }
  get loading() {
    return this.#loading
  }
  get versionsShown() {
    return this.#versions
  }

  showVersions(on: boolean): void {
    this.#versions = on
  }
  get opens() {
    return this.#opens
  }
  /** What to mark: the query's terms plus the words the server marked in this hit's snippet;
   * null when there is nothing to look for. */
  get marking() {
    return this.#marking
  }
  get hasPrevious() {
    return this.index > 0
  }
  get hasNext() {
    return this.index >= 0 && this.index < search.total - 1
  }

  async openIndex(i: number): Promise<boolean> {
    const hit = await search.load(i)
    if (!hit) return false
    search.setActive(i)
    const seq = ++this.#seq
    this.#loading = true
    try {
      const article = await api.article({ id: hit.id })
      if (seq !== this.#seq) return false
      this.#article = article
      this.#index = i
      this.#generation = search.generation
      this.#opens++
      const marking = { query: search.parsed, words: snippetWords(hit.snippet) }
      const any = marking.words.length > 0 || marking.query.groups.length > 0
      this.#marking = any ? marking : null
      return article !== null
    } catch (e) {
      if (seq === this.#seq) ui.report(e)
      return false
    } finally {
      if (seq === this.#seq) this.#loading = false
    }
  }

  /** Opens an article by id, outside the result list (from the Annotations view), and scrolls
   * to one of its highlights once drawn. */
  async openArticle(id: number, highlightId: number | null = null): Promise<boolean> {
    const seq = ++this.#seq
    this.#loading = true
    try {
      const article = await api.article({ id })
      if (seq !== this.#seq) return false
      this.jumpTo = highlightId
      this.#article = article
      this.#index = -1
      this.#generation = -1
      this.#opens++
      this.#marking = null
      return article !== null
    } catch (e) {
      if (seq === this.#seq) ui.report(e)
      return false
    } finally {
      if (seq === this.#seq) this.#loading = false
    }
  }

  /** Opens another version of the story being read: it is not a row of the results. */
  async openId(id: number): Promise<boolean> {
    const seq = ++this.#seq
    try {
      const article = await api.article({ id })
      if (seq !== this.#seq || !article) return false
      this.#article = article
      this.#generation = -1
      this.#opens++
      return true
    } catch (e) {
      if (seq === this.#seq) ui.report(e)
      return false
    }
  }

  step(delta: number): Promise<boolean> {
    return this.index < 0 ? Promise.resolve(false) : this.openIndex(this.index + delta)
  }

  /** Fetches the open article again (say, its pictures were just stored), keeping its place and
   * the view; dropped if another article is opened meanwhile. */
  async reload(): Promise<void> {
    const id = this.#article?.id
    if (id === undefined) return
    const seq = this.#seq
    try {
      const article = await api.article({ id })
      if (seq === this.#seq && article && this.#article?.id === id) this.#article = article
    } catch (e) {
      if (seq === this.#seq) ui.report(e)
    }
  }

  reset(): void {
    this.#seq++
    this.#article = null
    this.#index = -1
    this.#loading = false
    this.#opens = 0
    this.#marking = null
    this.#versions = false
  }
}

export const reader = new Reader()
