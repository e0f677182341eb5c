import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { prepareAll, textsAsBytes, type PrepareJob, type PrepareResult } from './prepare'

/** Prepares batches of files, in worker threads or in the calling thread. */
export interface Preparer {
  run(jobs: PrepareJob[]): Promise<PrepareResult[]>
  close(): Promise<void>
  /** Files prepared by workers and by this thread (a dead worker's share falls back here). */
  readonly counts: { workers: number; here: number }
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
async function prepareHere(jobs: PrepareJob[]): Promise<PrepareResult[]> {
  const results = await prepareAll(jobs)
  textsAsBytes(results)
  return results
}

/** Parse workers to start: the cores but one, which the writer (this thread) keeps busy. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1))
}

// From sources (vitest, tsx) the worker is the .ts file, loaded through tsx's ESM API (a worker
// does not take tsx's loader from `--import`); built (the CLI in out/main, Electron) it is
// electron-vite's `parse-worker` entry beside the main bundle.
function startWorker(): Worker {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.ts')) {
    // This code is bundled into out/main (cli.js, index.js) or a shared chunk below it.
    const dir = dirname(here)
    const beside = join(dir, 'parse-worker.js')
    return new Worker(existsSync(beside) ? beside : join(dir, '..', 'parse-worker.js'))
  }
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs')
  const entry = pathToFileURL(join(dirname(here), 'parse-worker.ts')).href
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(boot, { eval: true })
}

/**
 * A pool of parse workers. A batch is split into one part per worker; results come back in the
 * batch's order. Should a worker fail to start or die, its part (and every later one) is
 * prepared in this thread instead: slower, never lost.
 */
export function workerPool(count = defaultWorkers()): Preparer {
  type Waiting = { jobs: PrepareJob[]; ok: (r: PrepareResult[]) => void }
  const workers: { w: Worker; waiting: Map<number, Waiting>; dead: boolean }[] = []
  let seq = 0
  const counts = { workers: 0, here: 0 }
  const here = (jobs: PrepareJob[]) => ((counts.here += jobs.length), prepareHere(jobs))
  for (let i = 0; i < count; i++) {
    let w: Worker
    try {
      w = startWorker()
    } catch {
      break
    }
    const slot = { w, waiting: new Map<number, Waiting>(), dead: false }
    w.on('message', (m: { seq: number; results: PrepareResult[] }) => {
      counts.workers += m.results.length
      slot.waiting.get(m.seq)?.ok(m.results)
      slot.waiting.delete(m.seq)
    })
    const fail = () => {
      if (slot.dead) return
      slot.dead = true
      for (const { jobs, ok } of slot.waiting.values()) void here(jobs).then(ok)
      slot.waiting.clear()
    }
    w.on('error', (e) => {
      if (process.env.LECTERN_DEBUG) console.error('parse worker failed', e)
      fail()
    })
    w.on('exit', fail)
    workers.push(slot)
  }
  return {
    counts,
    async run(jobs) {
      const alive = workers.filter((s) => !s.dead)
      if (alive.length === 0) return here(jobs)
      const size = Math.ceil(jobs.length / alive.length)
      const parts = await Promise.all(
        alive.map((slot, i) => {
          const part = jobs.slice(i * size, (i + 1) * size)
          if (part.length === 0) return Promise.resolve([])
          return new Promise<PrepareResult[]>((ok) => {
            const n = seq++
            slot.waiting.set(n, { jobs: part, ok })
            slot.w.postMessage({ seq: n, jobs: part })
          })
        }),
      )
      return parts.flat()
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
