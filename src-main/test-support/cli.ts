import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { lecternMain } from '../cli/main'

export interface CliRun {
  code: number
  out: string
  err: string
}

/**
 * Runs a `lectern` command line in this process, through the same entry and error handling as
 * the real command (cli/main.ts), with its standard output and error captured. A spawned
 * `node --import tsx` spends a second or more compiling the CLI before it starts; a test of many
 * command lines pays that once per test file this way. Commands that wait for Ctrl+C (`watch`,
 * `serve`) still need a process of their own.
 */
export async function runLectern(...args: string[]): Promise<CliRun> {
  let out = ''
  let err = ''
  const write = { out: process.stdout.write, err: process.stderr.write }
  const capture =
    (append: (s: string) => void) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined
      done?.()
      return true
    }
  process.stdout.write = capture((s) => (out += s)) as typeof process.stdout.write
  process.stderr.write = capture((s) => (err += s)) as typeof process.stderr.write
  try {
    const code = await lecternMain(args)
    return { code, out, err }
  } finally {
    process.stdout.write = write.out
    process.stderr.write = write.err
  }
}

/** `lectern …` and `lectern … --json` on one archive, as a script runs them; `json` fails the
 * test on a non-zero exit. `db`: the archive's path, once the test has made it. */
export function cliOn(db: () => string) {
  const lectern = (...args: string[]) => runLectern(...args, '--db', db())
  const json = async <T = unknown>(...args: string[]): Promise<T> => {
    const r = await lectern(...args, '--json')
    if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`)
    return JSON.parse(r.out) as T
  }
  return { lectern, json }
}

/** `node` arguments that run `lectern` from its sources, in a process of its own: for the
 * commands that wait for Ctrl+C (`watch`, `serve`). */
export const LECTERN_PROCESS = ['--import', 'tsx', join(__dirname, '../cli/index.ts')]

/** `lectern serve …` in a process of its own; `ready` resolves with the address it prints once it
 * listens, or with its exit code when it stops first. */
export function startServe(args: string[]): {
  child: ChildProcess
  ready: Promise<{ url: string; err: () => string } | { code: number | null; err: string }>
} {
  const child = spawn(process.execPath, [...LECTERN_PROCESS, 'serve', '--port', '0', ...args])
  let out = ''
  let err = ''
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const ready = new Promise<
    { url: string; err: () => string } | { code: number | null; err: string }
  >((ok) => {
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /at (https?:\/\/\S+)/.exec(out)
      if (m) ok({ url: m[1] as string, err: () => err })
    })
    child.once('exit', (code) => ok({ code, err }))
  })
  return { child, ready }
}
