import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../worker-start'
import { extensionBinding, extensionFile } from '../db/extension'
import { prepareAll, textsAsBytes, type PrepareJob, type PrepareResult } from './prepare'

/** Prepares batches of files, in worker threads or in the calling thread. */
export interface Preparer {
  run(jobs: PrepareJob[]): Promise<PrepareResult[]>
  close(): Promise<void>
  /** Files prepared by workers and by this thread (a dead worker's share falls back here). */
  readonly counts: { workers: number; here: number }
  /** Prepares here what the workers have not begun, while this thread would only wait for
   * `until` (the batch it writes next): two cores busy when the parsing is the slower half. */
  help?(until: Promise<unknown>): Promise<void>
}

export function inThread(): Preparer {
  const counts = { workers: 0, here: 0 }
  return {
    counts,
    run: (jobs) => ((counts.here += jobs.length), prepareHere(jobs)),
    close: async () => {},
  }
}

// The texts as a worker sends them, so the writer sees one shape whoever prepared the files.
// `blocking`: read with sync calls, as a worker does (this thread has nothing else to do then).
async function prepareHere(jobs: PrepareJob[], blocking = false): Promise<PrepareResult[]> {
  const results = await prepareAll(jobs, { blocking })
  textsAsBytes(results)
  return results
}

/** Parse workers to start: the cores but one, which the writer (this thread) keeps busy. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}

/** Files per part of a batch: what a worker takes at a time, and what the importer's thread
 * takes back when it would otherwise wait (see `help`). */
const PART = 100
// Claims of the parts in flight, shared with the workers: 0 free, 1 a worker's, 2 this thread's.
// A part's slot is its number modulo RING; far fewer than RING parts are ever in flight.
const RING = 4096

/**
 * A pool of parse workers. A batch is cut into parts of PART files, handed round the workers;
 * results come back in the batch's order. Should a worker fail to start or die, its parts (and
 * every later one) are prepared in this thread instead: slower, never lost.
 */
export function workerPool(count = defaultWorkers()): Preparer {
  // `seq` numbers the part (its claim is claims[seq % RING]); `waiting` is its worker's
  type Part = {
    seq: number
    jobs: PrepareJob[]
    ok: (r: PrepareResult[]) => void
    done: boolean
    waiting: Map<number, Part>
  }
  const workers: { w: Worker; waiting: Map<number, Part>; dead: boolean }[] = []
  const claims = new Int32Array(new SharedArrayBuffer(4 * RING))
  // this thread's extension, which the workers load to make story fingerprints faster
  const native = { extension: extensionFile(), nativeBinding: extensionBinding() }
  // every batch not yet back, oldest first, with its parts in the order the workers take them
  const batches: Part[][] = []
  let seq = 0
  const counts = { workers: 0, here: 0 }
  const here = (jobs: PrepareJob[], blocking = false) => (
    (counts.here += jobs.length),
    prepareHere(jobs, blocking)
  )
  const finish = (part: Part, results: PrepareResult[]) => {
    part.done = true
    part.ok(results)
    while (batches.length > 0 && batches[0]!.every((p) => p.done)) batches.shift()
  }
  for (let i = 0; i < count; i++) {
    let w: Worker
    try {
      w = startWorker('parse-worker')
    } catch {
      break
    }
    const slot = { w, waiting: new Map<number, Part>(), dead: false }
    w.on('message', (m: { seq: number; results: PrepareResult[] }) => {
      const part = slot.waiting.get(m.seq)
      slot.waiting.delete(m.seq)
      if (part === undefined) return
      counts.workers += m.results.length
      finish(part, m.results)
    })
    const fail = () => {
      if (slot.dead) return
      slot.dead = true
      for (const part of slot.waiting.values()) {
        Atomics.store(claims, part.seq % RING, 2)
        void here(part.jobs).then((r) => finish(part, r))
      }
      slot.waiting.clear()
    }
    w.on('error', (e) => {
      if (process.env.LECTERN_DEBUG) console.error('parse worker failed', e)
      fail()
    })
    w.on('exit', fail)
    workers.push(slot)
  }

  /** Takes back the part a worker would come to last in the oldest batch still out (the one the
   * importer waits for): prepared here, or null when the workers have begun every part. */
  const steal = (): Promise<void> | null => {
    for (const parts of batches) {
      for (let k = parts.length - 1; k >= 0; k--) {
        const part = parts[k]!
        // done, or begun by a worker (which takes its parts in order, so with one worker the
        // earlier parts are begun too) or by this thread
        if (part.done || Atomics.compareExchange(claims, part.seq % RING, 0, 2) !== 0) continue
        part.waiting.delete(part.seq)
        return here(part.jobs, true).then((r) => finish(part, r))
      }
    }
    return null
  }

  return {
    counts,
    async run(jobs) {
      const alive = workers.filter((s) => !s.dead)
      if (alive.length === 0) return here(jobs)
      const parts: Part[] = []
      const results: Promise<PrepareResult[]>[] = []
      for (let at = 0, i = 0; at < jobs.length; at += PART, i++) {
        const worker = alive[i % alive.length]!
        const part: Part = {
          seq: seq++,
          jobs: jobs.slice(at, at + PART),
          ok: () => {},
          done: false,
          waiting: worker.waiting,
        }
        results.push(new Promise<PrepareResult[]>((ok) => (part.ok = ok)))
        parts.push(part)
        const slot = part.seq % RING
        Atomics.store(claims, slot, 0)
        worker.waiting.set(part.seq, part)
        worker.w.postMessage({ seq: part.seq, jobs: part.jobs, claims, slot, native })
      }
      if (parts.length > 0) batches.push(parts)
      return (await Promise.all(results)).flat()
    },
    async help(until) {
      let settled = false
      until.then(
        () => (settled = true),
        () => (settled = true),
      )
      // let a result already posted arrive before taking anything back
      await new Promise((ok) => setImmediate(ok))
      while (!settled) {
        const taken = steal()
        if (taken === null) return
        await taken
        await new Promise((ok) => setImmediate(ok))
      }
    },
    async close() {
      await Promise.all(
        workers.map((s) => {
          s.dead = true
          return s.w.terminate()
        }),
      )
    },
  }
}
