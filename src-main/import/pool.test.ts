import { afterEach, describe, expect, it } from 'vitest'
import { tempTree, article } from '../test-support/tmp'
import { inThread, workerPool } from './pool'
import type { PrepareResult } from './prepare'

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

const jobsFor = (rels: string[]) =>
  rels.map((rel) => ({
    abs: tree.path(rel),
    rel,
    root: tree.path('.'),
    mediaDir: tree.path('media'),
  }))
const titles = (rs: PrepareResult[]) =>
  rs.map((r) => (r.kind === 'parsed' ? r.parsed.title : r.kind))

describe('parse workers', () => {
  it('prepare files in a worker thread, in order, the same as this thread does', async () => {
    tree = tempTree({ 'a.md': article('Alpha', '阿里巴巴 market'), 'b.md': article('Beta', 'two') })
    const jobs = jobsFor(['a.md', 'b.md', 'missing.md'])
    const pool = workerPool(1)
    try {
      const inWorker = await pool.run(jobs)
      expect(pool.counts).toEqual({ workers: 3, here: 0 })
      expect(titles(inWorker)).toEqual(['Alpha', 'Beta', 'fail'])
      expect(inWorker).toEqual(await inThread().run(jobs))
    } finally {
      await pool.close()
    }
  })
  it.each([1, 2])(
    'takes back the parts %i worker(s) have not begun while the writer waits: each file once, in order',
    async (count) => {
      const names = Array.from({ length: 450 }, (_, i) => `f${String(i).padStart(3, '0')}.md`)
      tree = tempTree(Object.fromEntries(names.map((n) => [n, article(n, `正文 ${n}`)])))
      const jobs = jobsFor(names)
      const pool = workerPool(count)
      try {
        // the workers are still starting: the writer's thread finds every part free and takes
        // parts from the back of the batch until the workers have answered the rest
        const pending = pool.run(jobs)
        await pool.help!(pending)
        const results = await pending
        expect(pool.counts.here).toBeGreaterThan(0)
        expect(pool.counts.workers + pool.counts.here).toBe(names.length)
        expect(titles(results)).toEqual(names)
        // a later batch, not helped with, goes to a worker
        const before = pool.counts.workers
        const again = await pool.run(jobs.slice(0, 3))
        expect(titles(again)).toEqual(names.slice(0, 3))
        expect(pool.counts.workers).toBe(before + 3)
      } finally {
        await pool.close()
      }
    },
  )
})
