import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { facetIndexOffThread } from './facet-build'
import { facetIndex, readyFacetIndex, type FacetIndex } from './facet-index'
import { ArchiveService } from '../api/service'
import { localCaller } from '../shared/auth'

let tree: ReturnType<typeof tempTree>
const open: Archive[] = []
afterEach(() => {
  open.splice(0).forEach((d) => d.open && d.close())
  tree?.cleanup()
})

/** An archive file of a few articles in two languages, three outlets and two years. */
async function archiveFile(): Promise<string> {
  tree = tempTree({
    'a/1.md': article('One', '市场 news', 'lang: "zh-CN"\nsource: "甲报"\n'),
    'a/2.md': article('Two', 'market news', 'lang: "en"\nsource: "Wire"\n'),
    'b/3.md': article(
      'Three',
      '市场 again',
      'lang: "zh-CN"\nsource: "乙报"\ncategories:\n  - "经济"\n',
    ),
  })
  const file = tree.path('archive.db')
  const db = openArchive(file, { create: true })
  await importFolders(db, [tree.path('a'), tree.path('b')])
  db.close()
  return file
}

const opened = (file: string) => {
  const db = openArchive(file)
  open.push(db)
  return db
}

const content = ({ gen: _gen, whole: _whole, ...rest }: FacetIndex) => rest

describe('the facet index built in a worker thread', () => {
  it('is the same index as one built on this thread, and is kept as the archive’s', async () => {
    const file = await archiveFile()
    const db = opened(file)
    expect(readyFacetIndex(db)).toBeNull()
    expect(await facetIndexOffThread(db)).toBe(true)
    const kept = readyFacetIndex(db)
    expect(kept).not.toBeNull()
    const here = facetIndex(opened(file))
    expect(content(kept!)).toEqual(content(here))
    expect(kept!.order.length).toBe(3)
  })

  it('is not kept when the archive changed while it was being built', async () => {
    const file = await archiveFile()
    const db = opened(file)
    const building = facetIndexOffThread(db)
    // a write on this connection before the worker answers (it is still starting)
    tree.write('c/4.md', article('Four', 'later'))
    await importFolders(db, [tree.path('c')])
    expect(await building).toBe(false)
    expect(readyFacetIndex(db)).toBeNull()
    expect(facetIndex(db).order.length).toBe(4)
  })

  it('lets serve answer without waiting: searches say their facets are coming, then have them', async () => {
    const file = await archiveFile()
    const db = opened(file)
    const told: string[] = []
    // (every archive counts as large here: its index is built in a worker)
    const s = new ArchiveService({
      db,
      path: file,
      canImport: false,
      facetsOffThreadFrom: 1,
      emit: (event) => told.push(event),
    })
    s.warmUp()
    const me = localCaller()
    const first = await s.search({ query: '市场' }, me)
    expect(first.total).toBe(2)
    expect(first.facets).toBeUndefined()
    expect(first.facetsPending).toBe(true)
    // while the worker builds, the next search does not build it here either
    const second = await s.search({ query: 'news' }, me)
    expect(second.total).toBe(2)
    expect(second.facetsPending).toBe(true)
    let later = await s.search({ query: '市场' }, me)
    for (let i = 0; i < 200 && later.facetsPending; i++) {
      await new Promise((ok) => setTimeout(ok, 50))
      later = await s.search({ query: '市场' }, me)
    }
    expect(later.facetsPending).toBeUndefined()
    expect(later.facets?.sources.map((f) => f.name).sort()).toEqual(['乙报', '甲报'])
    expect(later.facets?.categories).toEqual([{ name: '经济', count: 1 }])
    // the page was told as soon as they were counted
    expect(told).toEqual(['facetsReady'])
  })
})
