import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { editArticle } from '../keep/edit'
import { trashArticles } from '../db/trash'
import { mergeLabels } from '../db/label-aliases'
import { article, tempTree } from '../test-support/tmp'
import { FacetWarmth } from './facet-warmth'
import { buildFacetIndex, facetsIn, readyFacetIndex } from './facet-index'
import { facetIndexOffThread } from './facet-build'
import { setRead } from '../db/reading'
import { savedFacetIndex } from './facet-saved'
import { searchArchive } from './search'

// The facet index kept in the archive when a service closes, read by the next start's worker
// instead of building: the library's tags, sources and years come at once after a restart of a
// large archive. Every archive here counts as large (offThreadFrom 1).

let tree: ReturnType<typeof tempTree>
const open: Archive[] = []
const warm: FacetWarmth[] = []
afterEach(() => {
  warm.splice(0).forEach((w) => w.close())
  open.splice(0).forEach((d) => d.open && d.close())
  tree?.cleanup()
})

function opened(): Archive {
  const db = openArchive(tree.path('archive.db'), { create: true })
  open.push(db)
  return db
}

async function archiveFile(): Promise<void> {
  tree = tempTree({
    'a/1.md': article('One', '市场 news', 'source: "甲报"\ntags:\n  - "经济"\n'),
    'a/2.md': article('Two', 'market news', 'lang: "en"\nsource: "Wire"\ndate: "2024-05-01"\n'),
    'a/3.md': article('Three', '市场 again', 'source: "乙报"\ncategories:\n  - "财经"\n'),
  })
  const db = opened()
  await importFolders(db, [tree.path('a')])
  db.close()
}

/** A service's run: warms up, answers until its facets are counted, and closes (as serve and
 * the app do when they stop). Returns the answer with facets. */
async function run(db: Archive) {
  const w = new FacetWarmth(db, 1)
  warm.push(w)
  w.warmUp()
  const ask = () => {
    const r = searchArchive(db, { query: '' }, { waitForFacets: w.buildHere() })
    w.answered()
    return r
  }
  let r = ask()
  for (let i = 0; i < 200 && r.facetsPending; i++) {
    await new Promise((ok) => setTimeout(ok, 50))
    r = ask()
  }
  expect(r.facetsPending).toBeUndefined()
  w.close()
  return r
}

const sources = (r: { facets?: { sources: { name: string }[] } }) =>
  r.facets?.sources.map((f) => f.name).sort()

/** Renames a source in the kept index only: what the next start shows tells which it used. */
function markKept(db: Archive) {
  const meta = db.prepare(`SELECT meta FROM saved_facets`).pluck().get() as string
  db.prepare(`UPDATE saved_facets SET meta = ?`).run(meta.replace('甲报', '甲报 (kept)'))
}

/** The archive after a service's run that kept its index, marked, and opened again. */
async function keptAndReopened(): Promise<Archive> {
  await archiveFile()
  const db = opened()
  await run(db)
  markKept(db)
  db.close()
  return opened()
}

describe('the facet index kept in the archive', () => {
  it('is the same as one built anew, arrays, names and counts', async () => {
    await archiveFile()
    const db = opened()
    // a user's own tags too: labels the archive has no row for get ids of the index's own
    editArticle(db, 1, { addTags: ['mine'] })
    await run(db)
    db.close()

    const again = opened()
    const kept = savedFacetIndex(again)
    expect(kept).not.toBeNull()
    const built = buildFacetIndex(again)
    const { gen: _a, whole: _b, ...k } = kept!
    const { gen: _c, whole: _d, ...b } = built
    expect(k).toEqual(b)
    expect(facetsIn(kept!, [1, 3])).toEqual(facetsIn(built, [1, 3]))
    expect(
      facetsIn(kept!, kept!.order)
        .tags.map((t) => t.name)
        .sort(),
    ).toEqual(['mine', 'test', '经济'])
  })

  it('is what the next start counts with', async () => {
    await archiveFile()
    const db = opened()
    expect(sources(await run(db))).toEqual(['Wire', '乙报', '甲报'])
    db.close()
    const next = opened()
    markKept(next)
    expect(sources(await run(next))).toEqual(['Wire', '乙报', '甲报 (kept)'])
  })

  it("is what a large archive's worker hands over instead of building", async () => {
    const next = await keptAndReopened()
    expect(await facetIndexOffThread(next)).toBe(true)
    const idx = readyFacetIndex(next)!
    expect(facetsIn(idx, idx.order).sources.map((f) => f.name)).toContain('甲报 (kept)')
  })

  it('stays in use when another program writes what it does not count (a reading status)', async () => {
    const next = await keptAndReopened()
    expect(sources(searchArchive(next, { query: '市场' }))).toContain('甲报 (kept)')
    const other = opened()
    setRead(other, 'local', [1], true, 'now')
    expect(sources(searchArchive(next, { query: '市场' }))).toContain('甲报 (kept)')
  })

  it('is what a one-shot search (the CLI) counts with, until the archive changes', async () => {
    const cli = await keptAndReopened()
    expect(sources(searchArchive(cli, { query: '市场' }))).toEqual(['乙报', '甲报 (kept)'])
    // the whole archive's list too (without one kept, counted by SQL over the archive)
    expect(sources(searchArchive(cli, { query: '' }))).toContain('甲报 (kept)')
    editArticle(cli, 3, { set: { sourceName: '丙报' } })
    expect(sources(searchArchive(cli, { query: '市场' }))).toEqual(['丙报', '甲报'])
  })

  it.each([
    ['an import', (db: Archive) => importFolders(db, [tree.path('b')])],
    [
      'an edit of a source',
      (db: Archive) => void editArticle(db, 3, { set: { sourceName: '丙报' } }),
    ],
    ['a tag added', (db: Archive) => void editArticle(db, 1, { addTags: ['new'] })],
    ['an article put in the trash', (db: Archive) => void trashArticles(db, [2], 'now')],
    ['tags merged', (db: Archive) => void mergeLabels(db, 'tag', ['经济'], 'Economy', 'now')],
  ])('is not used after %s, by another run, since it was kept', async (_what, change) => {
    await archiveFile()
    tree.write('b/4.md', article('Four', '市场 later', 'source: "丁报"\n'))
    const db = opened()
    await run(db)
    markKept(db)
    db.close()
    // another program (the CLI) writes to the archive while no service runs
    const other = opened()
    await change(other)
    other.close()
    const next = opened()
    expect(savedFacetIndex(next)).toBeNull()
    const r = await run(next)
    expect(sources(r)).not.toContain('甲报 (kept)')
    expect(r.facets).toEqual(searchArchive(next, { query: '' }).facets)
  })

  it('is not kept when the archive changed under a running service after its index was built', async () => {
    await archiveFile()
    const db = opened()
    const w = new FacetWarmth(db, 1)
    warm.push(w)
    w.warmUp()
    searchArchive(db, { query: '' }, { waitForFacets: w.buildHere() })
    w.answered()
    for (let i = 0; i < 200; i++) {
      if (!searchArchive(db, { query: '' }, { waitForFacets: w.buildHere() }).facetsPending) break
      await new Promise((ok) => setTimeout(ok, 50))
    }
    const other = opened()
    editArticle(other, 3, { set: { sourceName: '丙报' } })
    w.close()
    expect(other.prepare(`SELECT count(*) FROM saved_facets`).pluck().get()).toBe(0)
  })

  it('is not kept for a small archive, which builds it in milliseconds', async () => {
    await archiveFile()
    const db = opened()
    const w = new FacetWarmth(db)
    warm.push(w)
    w.warmUp()
    searchArchive(db, { query: '' }, { waitForFacets: w.buildHere() })
    w.close()
    expect(db.prepare(`SELECT count(*) FROM saved_facets`).pluck().get()).toBe(0)
  })
})
