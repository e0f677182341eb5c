import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/** The worker threads Lectern starts: electron-vite entries of the main build (see
 * electron.vite.config.ts), each with its source file under src-main. */
const ENTRIES = {
  'parse-worker': 'import/parse-worker.ts',
  'facet-worker': 'search/facet-worker.ts',
  'id-worker': 'search/id-worker.ts',
} as const

/**
 * Starts one of Lectern's worker threads. Built (the CLI in out/main, Electron) it is the entry
 * beside the main bundle; from sources (vitest, tsx) the .ts file, loaded through tsx's ESM API
 * (a worker does not take tsx's loader from `--import`).
 */
export function startWorker(name: keyof typeof ENTRIES, options: WorkerOptions = {}): Worker {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.ts')) {
    // This code is bundled into out/main (cli.js, index.js) or a shared chunk below it.
    const dir = dirname(here)
    const beside = join(dir, `${name}.js`)
    return new Worker(existsSync(beside) ? beside : join(dir, '..', `${name}.js`), options)
  }
  const api = createRequire(here)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs')
  const entry = pathToFileURL(join(dirname(here), ENTRIES[name])).href
  const boot = `import(${JSON.stringify(pathToFileURL(api).href)})
    .then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}) })`
  return new Worker(boot, { ...options, eval: true })
}
