import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { memoryOf, ms } from './util'

const ROOT = join(import.meta.dirname, '..')

/** Runs a child and resolves when its stdout first matches `ready`, with the match. */
function startChild(
  args: string[],
  ready: RegExp,
): Promise<{ match: string; pid: number; kill: () => void; done: Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
  const done = new Promise<void>((ok) => child.once('exit', () => ok()))
  return new Promise((ok, fail) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s
      const m = ready.exec(out)
      if (m) ok({ match: m[1] ?? m[0], pid: child.pid ?? -1, kill: () => child.kill(), done })
    })
    child.once('exit', (code) => fail(new Error(`child exited (${code}) before answering`)))
  })
}

/** A fresh node running a plain script to its end: start to its answer. */
async function plainRun(script: string, ...args: string[]): Promise<number> {
  const t = performance.now()
  const p = await startChild(['-e', script, ...args], /answered/)
  const took = performance.now() - t
  await p.done
  return took
}

/** `lectern serve` (built) on the archive, once it has printed its address (`match`); `kill`
 * stops it as Ctrl+C does. */
export const startServe = (archive: string) =>
  startChild(
    [join(ROOT, 'bin/lectern.js'), 'serve', '--db', archive, '--port', '0'],
    /(http:\/\/\S+\/)/,
  )

async function call(url: string, method: string, args: unknown): Promise<unknown> {
  const r = await fetch(new URL('api/call', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method, args }),
  })
  return r.json()
}

// The plain baseline: a fresh node that opens the plain database and runs the plain search once.
const PLAIN = `
const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))})
const db = new Database(process.argv[1], { readonly: true })
const m = process.argv[2]
db.prepare("SELECT rowid, snippet(docs_fts, 1, '<mark>', '</mark>', '…', 16) FROM docs_fts WHERE docs_fts MATCH ? ORDER BY bm25(docs_fts, 10.0, 1.0) LIMIT 50").all(m)
db.prepare('SELECT count(*) FROM docs_fts WHERE docs_fts MATCH ?').pluck().get(m)
console.log('answered')
`

// The plain list: a fresh node that opens the plain database and reads its newest 100 rows (by
// id: it has no dates) with the start of each text. Not counted: the plain table has no index to
// count from, and a count reads all its text (9.7 s at 100,000 from a cold start).
const PLAIN_LIST = `
const Database = require(${JSON.stringify(join(ROOT, 'node_modules/better-sqlite3'))})
const db = new Database(process.argv[1], { readonly: true })
db.prepare('SELECT id, title, substr(body, 1, 300) FROM docs ORDER BY id DESC LIMIT 100').all()
console.log('answered')
`

export interface FirstAnswer {
  lecternMs: number
  listMs: number
  plainMs: number
  /** Start to the app's first list answered (the whole archive, a row per story, 100 rows), in
   * a server of its own, beside the plain list. */
  firstListMs: number
  plainListMs: number
  /** The server's resident memory once it has answered both, and its peak. */
  rssMb: number
  peakMb: number
}

/**
 * Process start to the first search answered, for `lectern serve` (built CLI: run
 * `npx electron-vite build` first) beside a fresh node running the plain search on the plain
 * database (bench/plain.ts) for the same word.
 */
export async function benchFirstAnswer(archive: string, plainDb: string): Promise<FirstAnswer> {
  console.log(`\n## First answer after start`)
  const plainMs = await plainRun(PLAIN, plainDb, '"经 济"')
  const t = performance.now()
  const s = await startServe(archive)
  const answered = async () => {
    const r = (await call(s.match, 'search', { query: '经济', limit: 50 })) as { ok: boolean }
    const lecternMs = performance.now() - t
    if (!r.ok) throw new Error(`search failed: ${JSON.stringify(r)}`)
    const t2 = performance.now()
    await call(s.match, 'search', { query: '', limit: 50, sort: 'newest' })
    const listMs = performance.now() - t2
    // and once what it builds after the first answer (the facet index) is built
    await new Promise((ok) => setTimeout(ok, 3000))
    return { lecternMs, listMs, ...memoryOf(s.pid) }
  }
  const { lecternMs, listMs, rssMb, peakMb } = await answered().finally(async () => {
    s.kill()
    await s.done
  })
  const [firstListMs, plainListMs] = await firstList(archive, plainDb)
  console.log(`  plain: node start → open → bm25 top 50 + count: ${ms(plainMs)}`)
  console.log(`  lectern serve start → first search (经济) answered: ${ms(lecternMs)}`)
  console.log(`  ratio Lectern/plain: ${(lecternMs / plainMs).toFixed(2)}`)
  console.log(`  then the whole archive listed, newest first: ${ms(listMs)}`)
  console.log(
    `  lectern serve's memory 3 s later: RSS ${rssMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB`,
  )
  console.log(
    `  lectern serve start → the app's first list (whole archive, by story, 100 rows): ${ms(firstListMs)}; plain (node start → newest 100): ${ms(plainListMs)}; ratio ${(firstListMs / plainListMs).toFixed(2)}`,
  )
  return { lecternMs, listMs, plainMs, firstListMs, plainListMs, rssMb, peakMb }
}

/** What the app asks first, in a server just started (nothing asked before it), and the plain
 * list's time. */
async function firstList(archive: string, plainDb: string): Promise<[number, number]> {
  const plainMs = await plainRun(PLAIN_LIST, plainDb)
  const t = performance.now()
  const s = await startServe(archive)
  try {
    const r = (await call(s.match, 'search', {
      query: '',
      limit: 100,
      offset: 0,
      sort: 'relevance',
      group: true,
    })) as { ok: boolean }
    if (!r.ok) throw new Error(`list failed: ${JSON.stringify(r)}`)
    return [performance.now() - t, plainMs]
  } finally {
    s.kill()
    await s.done
  }
}
