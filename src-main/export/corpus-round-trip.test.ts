import { afterAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { CORPUS, hasCorpus, NO_CORPUS } from '../test-support/corpus'
import { markdownRoundTrip } from '../test-support/round-trip'
import { insertHighlight, LOCAL_OWNER, setArticleNote } from '../db/annotations'
import { getArticle } from '../db/articles'
import { selectorAt } from '../annotations/anchor'
import { plainText } from '../text/plain'
import { HIGHLIGHT_COLORS } from '../shared/annotations'

/** A reader's marks on every 20th article: a sentence-sized stretch of the middle, with a note
 * on every other one, and an article note. Returns how many highlights were made. */
function markSome(db: Archive, ids: number[]): number {
  let made = 0
  ids.forEach((id, i) => {
    if (i % 20 !== 0) return
    const text = plainText(getArticle(db, id)!.markdown)
    if (text.trim().length < 40) return
    const start = Math.floor(text.length / 2)
    const end = start + 24
    const { exact, prefix, suffix } = selectorAt(text, start, end)
    if (exact.trim() === '') return
    const color = HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]!
    const note = i % 40 === 0 ? `note ${i}` : null
    insertHighlight(
      db,
      LOCAL_OWNER,
      { articleId: id, quote: exact, prefix, suffix, start, end, color, note },
      't',
    )
    setArticleNote(db, LOCAL_OWNER, id, `article note ${i}`, 't')
    made++
  })
  return made
}

if (!hasCorpus) console.warn(NO_CORPUS)

describe.skipIf(!hasCorpus)('the news corpus through a Markdown folder export', () => {
  let db: Archive
  afterAll(() => db?.close())

  it(
    'comes back field for field, with the highlights, in a new archive',
    { timeout: 300_000 },
    async () => {
      db = openArchive(':memory:')
      const first = await importFolders(db, [CORPUS])
      const ids = first.files.flatMap((f) => (f.status === 'imported' && f.id ? [f.id] : []))
      const marked = markSome(db, ids)
      expect(marked).toBeGreaterThan(50)
      const { report, imported, diffs } = await markdownRoundTrip(db)
      // every highlight placed again (the round trip compares each one's place, colour and note)
      expect(imported.annotations.kept + imported.annotations.moved).toBe(marked)
      expect(report.articles).toBe(first.imported)
      expect(imported.imported).toBe(first.imported)
      expect(imported.failed + imported.duplicates).toBe(0)
      // the first few differences, readable, if any
      expect([...diffs].slice(0, 5)).toEqual([])
    },
  )
})
