import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { openArchive } from '../db/open'
import { importFolders } from './importer'
import { article, tempTree } from '../test-support/tmp'

let tree: ReturnType<typeof tempTree>
let dbDir: ReturnType<typeof tempTree>
afterEach(() => {
  tree?.cleanup()
  dbDir?.cleanup()
})

const FILES = 3000

/** Starts an import in a child process and SIGKILLs it once `killAt` files are done. */
function importAndKill(folder: string, dbFile: string, killAt: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../test-support/import-child.ts'), folder, dbFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let last = 0
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/done (\d+)/g)) last = Number(m[1])
      if (last >= killAt) child.kill('SIGKILL')
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(last) : reject(new Error('import finished before the kill')),
    )
  })
}

describe('a crash in the middle of an import', () => {
  it('leaves a consistent archive, and the next import finishes with exact counts', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < FILES; i++)
      files[`d${i % 7}/f${i}.md`] = article(`标题 ${i}`, `正文 ${i} body ${i}`)
    tree = tempTree(files)
    dbDir = tempTree()
    const dbFile = dbDir.path('archive.db')
    const killedAt = await importAndKill(tree.dir, dbFile, 1000)
    expect(killedAt).toBeGreaterThanOrEqual(1000)
    expect(killedAt).toBeLessThan(FILES)

    const db = openArchive(dbFile)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    const n = () => (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    const saved = n()
    // Whole batches only: never half an article, never an article without its file record.
    expect(saved % 50).toBe(0)
    expect((db.prepare('SELECT count(*) AS n FROM files').get() as { n: number }).n).toBe(saved)

    const r = await importFolders(db, [tree.dir])
    expect(r.unchanged).toBe(saved)
    expect(r.imported).toBe(FILES - saved)
    expect(r.failed + r.skipped + r.duplicates + r.updated).toBe(0)
    expect(n()).toBe(FILES)
    db.close()
  })
})
