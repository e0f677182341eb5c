import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../db/open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { ArchiveService } from './service'
import { localCaller } from '../shared/auth'

let tree: ReturnType<typeof tempTree>
let service: ArchiveService | null = null
const me = localCaller()
afterEach(() => {
  service?.close()
  service = null
  tree?.cleanup()
})

async function started(warm: boolean): Promise<ArchiveService> {
  tree = tempTree({ 'a.md': article('Alpha', 'market news'), 'b.md': article('Beta', 'market') })
  const db = openArchive(':memory:')
  await importFolders(db, [tree.path('.')])
  service = new ArchiveService({ db, path: ':memory:', canImport: false })
  if (warm) service.warmUp()
  return service
}

describe('the service just after start', () => {
  it("answers a small archive's first search with its facets (a large one's are built in a worker: facet-warmth.test.ts)", async () => {
    const s = await started(true)
    const first = await s.search({ query: 'market', sort: 'newest' }, me)
    expect(first.total).toBe(2)
    expect(first.facetsPending).toBeUndefined()
    expect(first.facets?.tags).toEqual([{ name: 'test', count: 2 }])
    for (const group of [false, true]) {
      const list = await s.search({ query: '', group }, me)
      expect(list.facetsPending).toBeUndefined()
      expect(list.facets?.tags).toEqual([{ name: 'test', count: 2 }])
    }
  })

  it('always gives facets to one-shot callers (the CLI), which do not warm up', async () => {
    const s = await started(false)
    expect((await s.search({ query: 'market' }, me)).facets?.tags).toEqual([
      { name: 'test', count: 2 },
    ])
  })
})
