import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
} from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateCorpus } from './generate'

// Bump when bench/generate.ts changes what it writes, so cached corpora are made again.
const GENERATOR_VERSION = 2

/** A generated corpus, kept between runs in the temp folder (it is deterministic). */
export async function corpus(
  count: number,
): Promise<{ dir: string; files: number; bytes: number }> {
  const dir = join(tmpdir(), `lectern-bench-v${GENERATOR_VERSION}-${count}`)
  const stamp = join(dir, '.complete')
  if (existsSync(stamp))
    return { dir, ...(JSON.parse(readFileSync(stamp, 'utf8')) as { files: number; bytes: number }) }
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const t = performance.now()
  const r = await generateCorpus(dir, count)
  console.log(`  generated ${count} articles in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  const { writeFileSync } = await import('node:fs')
  writeFileSync(stamp, JSON.stringify(r))
  return { dir, ...r }
}

export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.md')) out.push(p)
    }
  }
  walk(dir)
  return out
}

/** Reading every file once: the floor any importer stands on. */
export async function readAll(files: string[]): Promise<number> {
  const t = performance.now()
  const batch = 64
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(files.slice(i, i + batch).map((f) => readFile(f)))
  }
  return performance.now() - t
}

export function sizeOf(file: string): number {
  let n = 0
  for (const f of [file, `${file}-wal`]) if (existsSync(f)) n += statSync(f).size
  return n
}

/** An SQLite file's page size in KB, from its header (two bytes at 16, big-endian; 1 is 64 KB). */
export function pageKbOf(file: string): number {
  const head = Buffer.alloc(18)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 18, 0)
  } finally {
    closeSync(fd)
  }
  const n = head.readUInt16BE(16)
  return (n === 1 ? 65536 : n) / 1024
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
}

export const ms = (x: number) => `${x.toFixed(1)} ms`

/** A process's resident memory now and at its peak (Linux), in MB; NaN elsewhere. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1])
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
  } catch {
    return { rssMb: NaN, peakMb: NaN }
  }
}
