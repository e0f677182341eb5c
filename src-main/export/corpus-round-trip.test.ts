import { afterAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { CORPUS, hasCorpus, NO_CORPUS } from '../test-support/corpus'
import { markdownRoundTrip } from '../test-support/round-trip'

if (!hasCorpus) console.warn(NO_CORPUS)

describe.skipIf(!hasCorpus)('the news corpus through a Markdown folder export', () => {
  let db: Archive
  afterAll(() => db?.close())

  it('comes back field for field in a new archive', { timeout: 300_000 }, async () => {
    db = openArchive(':memory:')
    const first = await importFolders(db, [CORPUS])
    const { report, imported, diffs } = await markdownRoundTrip(db)
    expect(report.articles).toBe(first.imported)
    expect(imported.imported).toBe(first.imported)
    expect(imported.failed + imported.duplicates).toBe(0)
    // the first few differences, readable, if any
    expect([...diffs].slice(0, 5)).toEqual([])
  })
})
