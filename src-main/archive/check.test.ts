import { afterEach, describe, expect, it } from 'vitest'
import { closeSync, existsSync, openSync, unlinkSync, writeSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { mediaFile, storeMedia } from '../images/store'
import { searchArchive } from '../search/search'
import { article, tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { checkArchive } from './check'
import { useExtension } from '../db/extension'
import { rankExtensionFile } from '../api/open-service'
import { pairsInIndex } from '../db/common-pairs'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  useExtension(null)
  db?.close()
  tree?.cleanup()
})

async function setup() {
  tree = tempTree({
    'news/img/p.png': tinyPng(1),
    'news/img/q.png': tinyPng(2),
    'news/a.md': article('Harbour', '![](img/p.png) 港口 harbour'),
    'news/b.md': article('Ferry', '![](img/q.png) 渡轮 ferry'),
  })
  db = openArchive(tree.path('a.db'), { create: true })
  await importFolders(db, [tree.path('news')])
  const media = tree.path('a.db.media')
  const hashes = db
    .prepare(`SELECT r.hash FROM image_refs r ORDER BY r.src`)
    .pluck()
    .all() as string[]
  return { media, hashes }
}
const found = (q: string) => searchArchive(db, { query: q }).total

describe('check', () => {
  it('finds nothing wrong in a healthy archive', async () => {
    await setup()
    expect(await checkArchive(db)).toMatchObject({
      ok: true,
      integrity: { ok: true, problems: [] },
      searchIndex: { ok: true, missing: 0, extra: 0 },
      pictures: { unused: 0, missing: 0 },
    })
  })

  it.skipIf(!rankExtensionFile())(
    'offers to write an index made before the common pairs again with them',
    async () => {
      useExtension(rankExtensionFile())
      await setup()
      expect(await checkArchive(db)).toMatchObject({
        ok: true,
        searchIndex: { ok: true, pairs: true, canAddPairs: false },
      })
      // as an archive indexed before migration 0014 is (or partly where the extension is not built)
      db.prepare(`DELETE FROM index_pairs`).run()
      expect(await checkArchive(db)).toMatchObject({
        ok: true,
        searchIndex: { ok: true, rebuilt: false, pairs: false, canAddPairs: true },
      })
      expect(await checkArchive(db, { fix: true })).toMatchObject({
        ok: true,
        searchIndex: { rebuilt: true, pairs: true, canAddPairs: false },
      })
      expect(pairsInIndex(db)).toBe(true)
      expect(found('港口')).toBe(1)
    },
  )

  it('does not offer the pairs where the extension is not built', async () => {
    await setup()
    expect(await checkArchive(db, { fix: true })).toMatchObject({
      ok: true,
      searchIndex: { rebuilt: false, pairs: false, canAddPairs: false },
    })
  })

  it('finds a broken search index, unused and lost pictures, and fixes them', async () => {
    const { media, hashes } = await setup()
    // Broken on purpose: an article dropped from the index, a stray row, a stray picture, a lost one.
    db.prepare(`DELETE FROM articles_fts WHERE rowid = 1`).run()
    db.prepare(`INSERT INTO articles_fts (rowid, title, body) VALUES (99, 'ghost', 'ghost')`).run()
    const stray = await storeMedia(media, tinyPng(200), 'png')
    unlinkSync(mediaFile(media, hashes[1]!, 'png'))
    expect(found('harbour')).toBe(0)

    const seen = await checkArchive(db)
    expect(seen).toMatchObject({
      ok: false,
      integrity: { ok: true },
      searchIndex: { ok: false, missing: 1, extra: 1, rebuilt: false },
      pictures: { unused: 1, missing: 1, removed: 0, markedMissing: 0 },
    })
    expect(existsSync(mediaFile(media, stray, 'png'))).toBe(true) // a look changes nothing

    const fixed = await checkArchive(db, { fix: true })
    expect(fixed).toMatchObject({
      ok: true,
      searchIndex: { rebuilt: true },
      pictures: { removed: 1, markedMissing: 1 },
    })
    expect(found('harbour')).toBe(1)
    expect(found('ghost')).toBe(0)
    expect(existsSync(mediaFile(media, stray, 'png'))).toBe(false)
    // The lost picture is copied again by the next import of its article's file.
    await importFolders(db, [tree.path('news')])
    expect(existsSync(mediaFile(media, hashes[1]!, 'png'))).toBe(true)
    expect(await checkArchive(db)).toMatchObject({ ok: true })
  })

  it('finds a damaged index page and rebuilds it', async () => {
    await setup()
    for (let i = 0; i < 300; i++) {
      db.prepare(`INSERT INTO labels (kind, name, key) VALUES ('tag', ?, ?)`).run(`t${i}`, `t${i}`)
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
    const file = db.name
    // Scribble over the cells of the labels' (kind, key) index, at the end of its first page.
    const pageSize = db.pragma('page_size', { simple: true }) as number
    const root = db
      .prepare(`SELECT rootpage FROM sqlite_schema WHERE tbl_name = 'labels' AND type = 'index'`)
      .pluck()
      .get() as number
    db.close()
    const fd = openSync(file, 'r+')
    writeSync(fd, Buffer.alloc(2048, 0x5a), 0, 2048, root * pageSize - 2148)
    closeSync(fd)
    db = openArchive(file)
    const r = await checkArchive(db)
    expect(r.ok).toBe(false)
    expect(r.integrity.ok).toBe(false)
    expect(r.integrity.problems.length).toBeGreaterThan(0)
    // The damage is in an index, which is derived: fix rebuilds it.
    const after = await checkArchive(db, { fix: true })
    expect(after.integrity).toEqual({ ok: true, problems: [], repaired: true })
    expect(after.ok).toBe(true)
    expect(db.prepare(`SELECT count(*) AS n FROM labels`).get()).toEqual({ n: 301 })
  })
})
