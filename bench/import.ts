import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'
import { corpus, listFiles, readAll, sizeOf } from './util'
import { rebuildClusters } from '../src-main/db/story-clusters'

/** Import throughput on 20,000 generated articles (80% Chinese, 2–8 KB), against a plain read. */
export async function benchImport(count = 20_000): Promise<void> {
  console.log(`\n## Import: ${count} generated articles`)
  const c = await corpus(count)
  const files = listFiles(c.dir)
  const readMs = await readAll(files)
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-db-'))
  const dbFile = join(work, 'archive.db')
  const db = openArchive(dbFile, { create: true })
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
    console.log(
      `  re-import (all unchanged: ${again.unchanged}): ${(reimportMs / 1000).toFixed(2)} s`,
    )
    console.log(
      `  archive size: ${(sizeOf(dbFile) / 1024 / 1024).toFixed(1)} MB (${(sizeOf(dbFile) / r.scanned / 1024).toFixed(1)} KB/article)`,
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
  } finally {
    db.close()
    rmSync(work, { recursive: true, force: true })
  }
}
