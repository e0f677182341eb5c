// The rows picked in the result list. Either ids the reader clicked, or "every result of this
// query except these" after Ctrl/Cmd+A: the page never holds the ids of 100,000 results, it sends
// the query and its exceptions, and the server resolves them (api/organise.ts).
import { SvelteSet } from 'svelte/reactivity'
import type { Selection as WireSelection } from '../../../src-main/shared/organise'
import { search } from './search.svelte'
import type { SearchSort } from '../../../src-main/shared/search-types'

export class Picked {
  /** Picked ids, or, when `all`, the ids left out of the whole result set. */
  #ids = new SvelteSet<number>()
  #all = $state(false)
  /** The list `all` stands for (the one shown when Ctrl/Cmd+A was pressed): its query, and
   * whether it showed one row per story (then the rows are those stories' shown versions). */
  #query = ''
  #order: { group: boolean; sort: SearchSort } = { group: false, sort: 'relevance' }
  /** Where a Shift+click range starts. */
  #anchor = -1
  /** The list the picks belong to: a new search is a new list, and what was picked in the old
   * one counts for nothing (read, never reset, in getters: they run while the page renders). */
  #generation = $state(-1)

  get #current(): boolean {
    return this.#generation === search.generation
  }

  /** How many articles are picked. */
  get count(): number {
    if (!this.#current) return 0
    return this.#all ? Math.max(0, search.total - this.#ids.size) : this.#ids.size
  }
  get all(): boolean {
    return this.#current && this.#all
  }

  has(id: number): boolean {
    if (!this.#current) return false
    return this.#all ? !this.#ids.has(id) : this.#ids.has(id)
  }

  /** A click with the keys held: plain picks only this row (and returns false: the caller opens
   * it); Ctrl/Cmd toggles it; Shift adds the range from the last clicked row. */
  async click(i: number, id: number, keys: { shift: boolean; toggle: boolean }): Promise<boolean> {
    this.#sync()
    if (keys.shift && this.#anchor >= 0) {
      const [from, to] = this.#anchor < i ? [this.#anchor, i] : [i, this.#anchor]
      for (let k = from; k <= to; k++) {
        const hit = await search.load(k)
        if (!hit) continue
        // picking a row of "all but these" takes it off the exceptions
        if (this.#all) this.#ids.delete(hit.id)
        else this.#ids.add(hit.id)
      }
      return true
    }
    this.#anchor = i
    if (keys.toggle) {
      if (this.#ids.has(id)) this.#ids.delete(id)
      else this.#ids.add(id)
      return true
    }
    this.clear()
    this.#anchor = i
    return false
  }

  /** Ctrl/Cmd+A: the whole result set, however large. */
  selectAll(): void {
    this.#sync()
    this.#all = true
    this.#query = search.searched
    this.#order = { group: search.group, sort: search.sort }
    this.#ids.clear()
  }

  clear(): void {
    this.#all = false
    this.#ids.clear()
    this.#anchor = -1
  }

  /** What crosses the contract. */
  toWire(): WireSelection {
    if (!this.#all) return { ids: [...this.#ids] }
    const grouped = this.#order.group ? { group: true, sort: this.#order.sort } : {}
    return { query: this.#query, except: [...this.#ids], ...grouped }
  }

  /** Before a change: picks from an older list are let go. */
  #sync(): void {
    if (this.#generation === search.generation) return
    this.#generation = search.generation
    this.clear()
  }

  reset(): void {
    this.clear()
    this.#generation = -1
  }
}

export const picked = new Picked()
