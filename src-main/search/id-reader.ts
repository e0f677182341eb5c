import type { Worker } from 'node:worker_threads'
import { startWorker } from '../worker-start'

/** A request to the id worker: the ids `sql` selects from archive `file`. */
export interface IdAsk {
  n: number
  file: string
  /** The better-sqlite3 binary to open it with (Electron's: see db/native.ts). */
  nativeBinding: string | undefined
  sql: string
  args: unknown[]
}

export type IdAnswer =
  { ready: true } | { n: number; ids: Int32Array } | { n: number; error: string }

/**
 * A worker thread reading search hits' ids from an archive file (search/id-worker.ts), for
 * searchArchiveAsync. Started once the first answer is out (its start-up is not worth it for one
 * search: the CLI never starts one); `ready` once it has come up, so no search waits for that.
 * A read that fails rejects (that search reads its ids in-thread); a worker that stops leaves it
 * not ready for good, and every search reads its ids in-thread as before.
 */
export class IdReader {
  #worker: Worker | null = null
  #ready = false
  #seq = 0
  #pending = new Map<number, { done: (ids: Int32Array) => void; fail: (e: Error) => void }>()
  /** How many reads it answered (tests check that searches used it). */
  answered = 0

  constructor(
    readonly file: string,
    readonly nativeBinding?: string,
  ) {
    try {
      this.#worker = startWorker('id-worker')
    } catch {
      return
    }
    const w = this.#worker
    // idle, it keeps no process alive (serve stopping, a test ending); a read in flight does
    w.unref()
    w.on('message', (m: IdAnswer) => {
      if ('ready' in m) {
        this.#ready = true
        return
      }
      const p = this.#pending.get(m.n)
      if (!p) return
      this.#pending.delete(m.n)
      if (this.#pending.size === 0) w.unref()
      if ('ids' in m) {
        this.answered++
        p.done(m.ids)
      } else p.fail(new Error(m.error))
    })
    const broken = (e?: unknown) =>
      this.#fail(e instanceof Error ? e : new Error('id worker stopped'))
    w.on('error', broken)
    w.on('exit', () => broken())
  }

  get ready(): boolean {
    return this.#ready && this.#worker !== null
  }

  /** The ids `sql` selects, ascending (what readIds gives), read by the worker. */
  read(sql: string, args: unknown[]): Promise<Int32Array> {
    const w = this.#worker
    if (!w || !this.#ready) return Promise.reject(new Error('id worker not ready'))
    const n = ++this.#seq
    return new Promise((done, fail) => {
      if (this.#pending.size === 0) w.ref()
      this.#pending.set(n, { done, fail })
      const ask: IdAsk = { n, file: this.file, nativeBinding: this.nativeBinding, sql, args }
      w.postMessage(ask)
    })
  }

  close(): void {
    const w = this.#worker
    this.#fail(new Error('closed'))
    void w?.terminate()
  }

  #fail(e: Error): void {
    this.#ready = false
    this.#worker = null
    for (const p of this.#pending.values()) p.fail(e)
    this.#pending.clear()
  }
}
