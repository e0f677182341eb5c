import { afterEach, describe, expect, it } from 'vitest'
import { rankExtensionFile } from '../api/open-service'
import { useExtension } from '../db/extension'
import { openArchive, type Archive } from '../db/open'
import { resetNativeStory } from '../db/native-story'
import { CHIPS_EN, FLOOD_ZH, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'
import { importFolders } from './importer'
import { article, articleFiles, tempTree } from '../test-support/tmp'

// The parse workers make story fingerprints with the importing thread's extension
// (native/lectern_story.c), handed to them with each part: an import through them must place
// every article as an import without the extension does, with the same stored signatures.

const built = rankExtensionFile()
const opened: Archive[] = []
let tree: ReturnType<typeof tempTree> | undefined
afterEach(() => {
  for (const db of opened.splice(0)) db.close()
  tree?.cleanup()
  useExtension(null)
  resetNativeStory()
})

async function importWith(extension: string | null, dir: string) {
  useExtension(extension)
  resetNativeStory()
  const db = openArchive(':memory:')
  opened.push(db)
  // enough files for the parse workers to start (importer.ts)
  const r = await importFolders(db, [dir])
  expect(r.failed).toBe(0)
  return db
    .prepare(
      `SELECT f.path, m.cluster_id = m.article_id AS first, hex(m.signature) AS sig, m.shingles
       FROM story_members m JOIN files f ON f.article_id = m.article_id ORDER BY f.path`,
    )
    .all() as { path: string; first: number; sig: string; shingles: number }[]
}

describe.skipIf(!built)('an import with story fingerprints made in C', () => {
  it('stores the signatures and clusters an import without the extension does', async () => {
    tree = tempTree({
      ...articleFiles(150),
      'news/a-rate.md': article('降息', RATE_CUT_ZH),
      'news/b-rate-tw.md': article('降息（繁）', RATE_CUT_ZH_TW),
      'news/c-flood.md': article('内涝', FLOOD_ZH),
      'news/d-chips.md': article('Chips', CHIPS_EN),
      'news/e-chips-again.md': article('Chips again', `${CHIPS_EN}\n\nRead more on our app.`),
    })
    const plain = await importWith(null, tree.dir)
    const native = await importWith(built, tree.dir)
    expect(native).toEqual(plain)
    // the reprints are placed with their originals (so the comparison saw clusters form)
    const news = native.filter((r) => r.path.includes('news'))
    expect(news.map((r) => r.first)).toEqual([1, 0, 1, 1, 0])
  })
})
