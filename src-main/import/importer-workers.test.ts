import { afterEach, describe, expect, it, vi } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from './importer'
import { articleFiles, tempTree } from '../test-support/tmp'
import type { ImportProgress } from '../shared/types'
import type { Preparer } from './pool'

// Every worker pool the importer starts: whether the import had begun importing (its first
// 'importing' progress) when the pool was started, and whether the pool was closed.
const pools: { importing: boolean; closed: boolean }[] = []
let importing = false
vi.mock('./pool', async (original) => {
  const pool = await original<typeof import('./pool')>()
  return {
    ...pool,
    workerPool: (count?: number): Preparer => {
      const made = pool.workerPool(count)
      const seen = { importing, closed: false }
      pools.push(seen)
      const close = made.close.bind(made)
      return Object.assign(made, { close: () => ((seen.closed = true), close()) })
    },
  }
})

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
  pools.length = 0
  importing = false
})

function setup(n: number): string {
  tree = tempTree(articleFiles(n))
  db = openArchive(':memory:')
  return tree.dir
}

const track = (p: ImportProgress) => void (importing ||= p.phase === 'importing')

describe('the parse workers of a folder import', () => {
  it('start while the folder is still being counted, and are closed when it ends', async () => {
    const dir = setup(120)
    const r = await importFolders(db, [dir], { onProgress: track })
    expect(r.imported).toBe(120)
    expect(pools).toEqual([{ importing: false, closed: true }])
  })

  it('are not started for a few files', async () => {
    const dir = setup(20)
    const r = await importFolders(db, [dir], { onProgress: track })
    expect(r.imported).toBe(20)
    expect(pools).toEqual([])
  })

  it('are closed when the import fails after they started', async () => {
    const fail = (p: ImportProgress) => {
      track(p)
      if (p.phase === 'importing') throw new Error('the window went away')
    }
    const dir = setup(120)
    await expect(importFolders(db, [dir], { onProgress: fail })).rejects.toThrow(
      'the window went away',
    )
    expect(pools).toEqual([{ importing: false, closed: true }])
  })
})
