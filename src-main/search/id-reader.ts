import type { Worker } from 'node:worker_threads'
import { startWorker } from '../worker-start'
import { extensionFile } from '../db/extension'
import type { ParsedQuery } from '../shared/query'
import type { MarkedText } from '../shared/search-types'
import type { HalvesRead } from './id-halves'

/** A request to the id worker, on archive `file`: its side of a search's ids read in two parts
 * (id-halves.ts), or the ranked snippets (hitSnippet) of these articles for query `q`. */
export type IdAsk = {
  n: number
  file: string
  /** The better-sqlite3 binary to open it with (Electron's: see db/native.ts). */
  nativeBinding: string | undefined
  /** Lectern's SQLite extension, as this thread's connections load it (db/extension.ts). */
  extension: string | null
} & Job

type Job =
  { halves: HalvesRead } | { snippets: number[]; q: ParsedQuery; claims: SharedArrayBuffer }

export type IdAnswer =
  | { ready: true }
  | { n: number; ids: Int32Array }
  | { n: number; snippets: (MarkedText | null)[] }
  | { n: number; error: string }

type Answered = Int32Array | (MarkedText | null)[]

/**
 * A worker thread reading search hits' ids from an archive file (search/id-worker.ts), for
 * searchArchiveAsync, and cutting a ranked page's snippets with this thread once it has. Started
 * once the first answer is out (its start-up is not worth it for one search: the CLI never
 * starts one); `ready` once it has come up, so no search waits for that.
 * A read that fails rejects (that search reads its ids in-thread); a worker that stops leaves it
 * not ready for good, and every search reads its ids in-thread as before.
 */
export class IdReader {
  #worker: Worker | null = null
  #ready = false
  #seq = 0
  #pending = new Map<number, { done: (a: Answered) => void; fail: (e: Error) => void }>()
  /** How many id reads it answered (tests check that searches used it). */
  answered = 0
  /** How many snippets it cut. */
  cut = 0

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
      if ('error' in m) p.fail(new Error(m.error))
      else if ('ids' in m) {
        this.answered++
        p.done(m.ids)
      } else {
        for (const s of m.snippets) if (s) this.cut++
        p.done(m.snippets)
      }
    })
    const broken = (e?: unknown) =>
      this.#fail(e instanceof Error ? e : new Error('id worker stopped'))
    w.on('error', broken)
    w.on('exit', () => broken())
  }

  get ready(): boolean {
    return this.#ready && this.#worker !== null
  }

  /** Its side of a read in two parts (id-halves.ts): the ids of the parts it took, ascending. */
  readHalves(read: HalvesRead): Promise<Int32Array> {
    return this.#ask({ halves: read }) as Promise<Int32Array>
  }

  /**
   * Ranked snippets (hitSnippet) of these articles for `q`, cut from the last one backwards, as
   * many as the worker gets to: it claims each in `claims` (one slot an article, 0 while nobody
   * has) and stops at the first this thread claimed, which cuts from the first one onwards. So
   * neither waits for the other: a worker still busy with a search's ids when this thread has
   * cut them all finds them claimed. Null for those it did not cut.
   */
  snippets(ids: number[], q: ParsedQuery, claims: Int32Array): Promise<(MarkedText | null)[]> {
    const shared = claims.buffer as SharedArrayBuffer
    return this.#ask({ snippets: ids, q, claims: shared }) as Promise<(MarkedText | null)[]>
  }

  #ask(job: Job) {
    const w = this.#worker
    if (!w || !this.#ready) return Promise.reject(new Error('id worker not ready'))
    const n = ++this.#seq
    return new Promise<Answered>((done, fail) => {
      if (this.#pending.size === 0) w.ref()
      this.#pending.set(n, { done, fail })
      const ask: IdAsk = {
        n,
        file: this.file,
        nativeBinding: this.nativeBinding,
        extension: extensionFile(),
        ...job,
      }
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
