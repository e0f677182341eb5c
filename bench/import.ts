import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive, type Archive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'
import { corpus, listFiles, readAll, sizeOf } from './util'
import { rebuildClusters } from '../src-main/db/story-clusters'

/** A fresh archive in a temp folder, removed by `done`. */
function freshArchive(): { db: Archive; file: string; done: () => void } {
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-db-'))
  const file = join(work, 'archive.db')
  const db = openArchive(file, { create: true })
  return {
    db,
    file,
    done: () => {
      db.close()
      rmSync(work, { recursive: true, force: true })
    },
  }
}

/**
 * Import throughput on 20,000 generated articles (80% Chinese, 2–8 KB), against a plain read, and
 * what story clusters add: the same import without them, in the same run (the machine may be
 * shared; the load average is printed), alternating without / with / with / without so a change
 * in load weighs on both alike.
 */
export async function benchImport(count = 20_000): Promise<void> {
  console.log(`\n## Import: ${count} generated articles`)
  const c = await corpus(count)
  const files = listFiles(c.dir)
  const readMs = await readAll(files)
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')
  console.log(`  load average before: ${load()}`)
  // wall time, and the process's CPU time (user + system), which other work on a shared
  // machine disturbs far less
  const plainMs: number[] = []
  const clusteredMs: number[] = []
  const plainCpu: number[] = []
  const clusteredCpu: number[] = []
  const timed = async (clusters: boolean) => {
    const a = freshArchive()
    const cpu = process.cpuUsage()
    const t = performance.now()
    await importFolders(a.db, [c.dir], { clusters })
    const ms = performance.now() - t
    const used = process.cpuUsage(cpu)
    a.done()
    ;(clusters ? clusteredMs : plainMs).push(ms)
    ;(clusters ? clusteredCpu : plainCpu).push((used.user + used.system) / 1000)
  }
  for (const clusters of [false, true, true, false]) await timed(clusters)
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)

  const a = freshArchive()
  const { db } = a
  try {
    const t = performance.now()
    const r = await importFolders(db, [c.dir])
    const importMs = performance.now() - t
    const t2 = performance.now()
    const again = await importFolders(db, [c.dir])
    const reimportMs = performance.now() - t2
    const mb = c.bytes / 1024 / 1024
    console.log(
      `  files: ${r.scanned} (${r.imported} imported, ${r.duplicates} duplicates, ${r.failed} failed), ${mb.toFixed(1)} MB`,
    )
    console.log(`  plain read of every file: ${(readMs / 1000).toFixed(2)} s`)
    console.log(
      `  import: ${(importMs / 1000).toFixed(2)} s = ${((r.scanned / importMs) * 1000).toFixed(0)} articles/s, ${((mb / importMs) * 1000).toFixed(1)} MB/s`,
    )
    console.log(`  ratio import/read: ${(importMs / readMs).toFixed(1)}x`)
    const s = (ms: number[]) => ms.map((x) => (x / 1000).toFixed(2)).join(' s, ') + ' s'
    console.log(
      `  story clusters, wall: import without ${s(plainMs)}; with ${s(clusteredMs)}; ratio with/without ${(sum(clusteredMs) / sum(plainMs)).toFixed(3)} (goal ≤ 1.10)`,
    )
    console.log(
      `  story clusters, CPU: import without ${s(plainCpu)}; with ${s(clusteredCpu)}; ratio with/without ${(sum(clusteredCpu) / sum(plainCpu)).toFixed(3)}`,
    )
    console.log(
      `  re-import (all unchanged: ${again.unchanged}): ${(reimportMs / 1000).toFixed(2)} s`,
    )
    console.log(
      `  archive size: ${(sizeOf(a.file) / 1024 / 1024).toFixed(1)} MB (${(sizeOf(a.file) / r.scanned / 1024).toFixed(1)} KB/article)`,
    )
    // story clusters: what they add to the archive, and what placing every article costs
    db.pragma('wal_checkpoint(TRUNCATE)')
    const story = db
      .prepare(
        `SELECT sum(pgsize) AS bytes FROM dbstat
          WHERE name LIKE 'story\\_%' ESCAPE '\\' OR name LIKE 'sqlite_autoindex_story\\_%' ESCAPE '\\'`,
      )
      .get() as { bytes: number }
    const t3 = performance.now()
    const built = rebuildClusters(db)
    const rebuildMs = performance.now() - t3
    console.log(
      `  story clusters: ${(story.bytes / r.scanned).toFixed(0)} bytes/article on disk; rebuild of all ${built.articles} articles ${(rebuildMs / 1000).toFixed(2)} s (${((rebuildMs / importMs) * 100).toFixed(1)}% of the import), ${built.clusters} clusters`,
    )
    console.log(`  load average after: ${load()}`)
  } finally {
    a.done()
  }
}
