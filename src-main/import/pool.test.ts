import { afterEach, describe, expect, it } from 'vitest'
import { tempTree, article } from '../test-support/tmp'
import { inThread, workerPool } from './pool'

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

describe('parse workers', () => {
  it('prepare files in a worker thread, in order, the same as this thread does', async () => {
    tree = tempTree({ 'a.md': article('Alpha', '阿里巴巴 market'), 'b.md': article('Beta', 'two') })
    const jobs = ['a.md', 'b.md', 'missing.md'].map((rel) => ({
      abs: tree.path(rel),
      rel,
      root: tree.path('.'),
      mediaDir: tree.path('media'),
    }))
    const pool = workerPool(1)
    try {
      const inWorker = await pool.run(jobs)
      expect(pool.counts).toEqual({ workers: 3, here: 0 })
      expect(inWorker.map((r) => (r.kind === 'parsed' ? r.parsed.title : r.kind))).toEqual([
        'Alpha',
        'Beta',
        'fail',
      ])
      expect(inWorker).toEqual(await inThread().run(jobs))
    } finally {
      await pool.close()
    }
  })
})
