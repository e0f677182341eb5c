// Slows password guessing: after `free` failed sign-ins for one key (an account name, an
// address), each further attempt must wait, twice as long after every failure, up to `maxMs`.
// The cap bounds how long a stranger can keep a colleague out by failing on purpose; the wait
// still limits a guesser to about one try per `maxMs` per name and per address.
//
// Kept in memory: a restart forgets it, which costs a guesser a restart of the server, and the
// map is bounded so that a flood of made-up names cannot grow it without end.

export interface ThrottleOptions {
  free?: number
  baseMs?: number
  maxMs?: number
  /** A key with no failure for this long starts over. */
  forgetMs?: number
  maxKeys?: number
  now?: () => number
}

interface Entry {
  failures: number
  until: number
  last: number
}

export class SignInThrottle {
  readonly #free: number
  readonly #baseMs: number
  readonly #maxMs: number
  readonly #forgetMs: number
  readonly #maxKeys: number
  readonly #now: () => number
  readonly #entries = new Map<string, Entry>()

  constructor(opts: ThrottleOptions = {}) {
    this.#free = opts.free ?? 5
    this.#baseMs = opts.baseMs ?? 1000
    this.#maxMs = opts.maxMs ?? 60_000
    this.#forgetMs = opts.forgetMs ?? 15 * 60_000
    this.#maxKeys = opts.maxKeys ?? 10_000
    this.#now = opts.now ?? Date.now
  }

  /** How long until any of these keys may try again (0: now). */
  waitMs(keys: string[]): number {
    const now = this.#now()
    let wait = 0
    for (const k of keys) {
      const e = this.#live(k, now)
      if (e && e.until > now) wait = Math.max(wait, e.until - now)
    }
    return wait
  }

  fail(keys: string[]): void {
    const now = this.#now()
    for (const k of keys) {
      const e = this.#live(k, now) ?? { failures: 0, until: 0, last: now }
      e.failures += 1
      e.last = now
      const over = e.failures - this.#free
      if (over >= 0) e.until = now + Math.min(this.#baseMs * 2 ** Math.min(over, 30), this.#maxMs)
      // Re-inserted so that the map's order is least recently failed first.
      this.#entries.delete(k)
      this.#entries.set(k, e)
    }
    while (this.#entries.size > this.#maxKeys) {
      this.#entries.delete(this.#entries.keys().next().value as string)
    }
  }

  forget(key: string): void {
    this.#entries.delete(key)
  }

  #live(key: string, now: number): Entry | undefined {
    const e = this.#entries.get(key)
    if (e && now - e.last > this.#forgetMs && e.until <= now) {
      this.#entries.delete(key)
      return undefined
    }
    return e
  }
}
