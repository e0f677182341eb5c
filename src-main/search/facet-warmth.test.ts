import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { FacetWarmth } from './facet-warmth'
import { searchArchive } from './search'

let tree: ReturnType<typeof tempTree>
let db: Archive | null = null
let warmth: FacetWarmth | null = null
afterEach(() => {
  warmth?.close()
  if (db?.open) db.close()
  tree?.cleanup()
})

/** An archive file of two articles from two outlets, warming up as serve's does. */
async function warmArchive(offThreadFrom?: number, ready?: () => void) {
  tree = tempTree({
    'a/1.md': article('One', '市场 news', 'source: "甲报"\n'),
    'a/2.md': article('Two', '市场 again', 'source: "乙报"\n'),
  })
  db = openArchive(tree.path('archive.db'), { create: true })
  await importFolders(db, [tree.path('a')])
  warmth = new FacetWarmth(db, offThreadFrom, undefined, ready)
  warmth.warmUp()
  return { db, warmth }
}

/** A search as the service makes it: facets only if they may be built here, then the build it
 * left for later. */
function ask(db: Archive, w: FacetWarmth) {
  const r = searchArchive(db, { query: '市场' }, { waitForFacets: w.buildHere() })
  w.answered()
  return r
}

async function untilFacets(db: Archive, w: FacetWarmth) {
  let r = ask(db, w)
  for (let i = 0; i < 200 && r.facetsPending; i++) {
    await new Promise((ok) => setTimeout(ok, 50))
    r = ask(db, w)
  }
  return r
}

const sources = (r: ReturnType<typeof searchArchive>) => r.facets?.sources.map((f) => f.name).sort()

async function importOneMore(db: Archive) {
  tree.write('b/3.md', article('Three', '市场 later', 'source: "丙报"\n'))
  await importFolders(db, [tree.path('b')])
}

describe('the facet index of a service that stays up', () => {
  it('is built again off this thread when a large archive changes: answers never wait for it', async () => {
    // (every archive counts as large here)
    let told = 0
    const { db, warmth } = await warmArchive(1, () => told++)
    expect(ask(db, warmth).facetsPending).toBe(true)
    expect(told).toBe(0)
    expect(sources(await untilFacets(db, warmth))).toEqual(['乙报', '甲报'])
    // the service tells the page (facetsReady) as soon as a build is kept
    expect(told).toBe(1)
    await importOneMore(db)
    // the answer right after the change counts the new article, and its facets as the archive
    // was (the lists stay in place), saying they are being counted again
    const now = ask(db, warmth)
    expect(now.total).toBe(3)
    expect(now.facetsPending).toBe(true)
    expect(sources(now)).toEqual(['乙报', '甲报'])
    const later = await untilFacets(db, warmth)
    expect(later.total).toBe(3)
    expect(sources(later)).toEqual(['丙报', '乙报', '甲报'])
  })

  it('is not built again while the archive is being written, and is once it is quiet', async () => {
    tree = tempTree({
      'a/1.md': article('One', '市场 news', 'source: "甲报"\n'),
      'a/2.md': article('Two', '市场 again', 'source: "乙报"\n'),
    })
    const d = openArchive(tree.path('archive.db'), { create: true })
    db = d
    await importFolders(d, [tree.path('a')])
    let importing = false
    const w = new FacetWarmth(d, 1, () => importing)
    warmth = w
    w.warmUp()
    expect(sources(await untilFacets(d, w))).toEqual(['乙报', '甲报'])
    importing = true
    await importOneMore(d)
    // answers go on with the facets as they were, for as long as it writes
    for (let i = 0; i < 10; i++) {
      const r = ask(d, w)
      expect(r.total).toBe(3)
      expect(r.facetsPending).toBe(true)
      expect(sources(r)).toEqual(['乙报', '甲报'])
      await new Promise((ok) => setTimeout(ok, 100))
    }
    importing = false
    expect(sources(await untilFacets(d, w))).toEqual(['丙报', '乙报', '甲报'])
  })

  it('of a small archive is built by the search that needs it, the first one too', async () => {
    const { db, warmth } = await warmArchive()
    const first = ask(db, warmth)
    expect(first.facetsPending).toBeUndefined()
    expect(sources(first)).toEqual(['乙报', '甲报'])
    await importOneMore(db)
    const now = ask(db, warmth)
    expect(now.facetsPending).toBeUndefined()
    expect(sources(now)).toEqual(['丙报', '乙报', '甲报'])
  })

  it('is built by every search that needs it when the service never warms up (the CLI)', async () => {
    const { db } = await warmArchive()
    const cli = new FacetWarmth(db, 1)
    expect(sources(ask(db, cli))).toEqual(['乙报', '甲报'])
    await importOneMore(db)
    expect(sources(ask(db, cli))).toEqual(['丙报', '乙报', '甲报'])
  })
})
