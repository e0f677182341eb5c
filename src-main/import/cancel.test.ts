import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from './importer'
import { articleFiles, tempTree } from '../test-support/tmp'
import type { ImportProgress } from '../shared/types'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

const count = () => (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n

function setup(n: number): string {
  tree = tempTree(articleFiles(n))
  db = openArchive(':memory:')
  return tree.dir
}

describe('cancelling an import', () => {
  it('stops after the batch being written, counts the total first, and the next import finishes', async () => {
    const dir = setup(300)
    const stop = new AbortController()
    const seen: ImportProgress[] = []
    const r = await importFolders(db, [dir], {
      batchSize: 20,
      workers: 0,
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p)
        if (p.done >= 60) stop.abort()
      },
    })
    expect(r.cancelled).toBe(true)
    // The whole folder was counted before any file was read, and whole batches were written.
    expect(seen.find((p) => p.phase === 'importing')?.total).toBe(300)
    expect(count()).toBe(60)
    expect(r.files).toHaveLength(60)

    const again = await importFolders(db, [dir])
    expect(again).toMatchObject({ cancelled: false, unchanged: 60, imported: 240 })
    expect(count()).toBe(300)
  })

  it('imports nothing when cancelled while the folder is being counted', async () => {
    const dir = setup(30)
    const stop = new AbortController()
    stop.abort()
    const r = await importFolders(db, [dir], { signal: stop.signal })
    expect(r.cancelled).toBe(true)
    expect(count()).toBe(0)
  })
})
