import { afterEach, describe, expect, it } from 'vitest'
import { utimesSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { insertHighlight, listHighlights, LOCAL_OWNER } from '../db/annotations'
import { importFolders } from '../import/importer'
import { emptyTrash, restoreArticles, trashArticles } from '../db/trash'
import { setArticleNote } from '../db/annotations'
import { plainText } from '../text/plain'
import { article, tempTree } from '../test-support/tmp'
import { selectQuote } from './anchor'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

const BODY = [
  '阿里巴巴周二公布财报，云计算收入增长百分之十三。',
  '',
  '分析师表示，人工智能需求强劲。公司称将继续加大投入。',
  '',
  'Markets rose sharply after the report.',
].join('\n')

function highlight(id: number, quote: string) {
  const text = plainText(getArticle(db, id)?.markdown ?? '')
  const s = selectQuote(text, quote)
  return insertHighlight(
    db,
    LOCAL_OWNER,
    {
      articleId: id,
      quote: s.exact,
      prefix: s.prefix,
      suffix: s.suffix,
      start: s.start,
      end: s.end,
      color: 'yellow',
      note: null,
    },
    'now',
  )
}

async function reimport(body: string) {
  const abs = tree.write('a.md', article('财报', body))
  const later = new Date(Date.now() + 60_000)
  utimesSync(abs, later, later)
  return importFolders(db, [tree.dir])
}

describe('re-importing an article with highlights', () => {
  it('keeps, moves and orphans them, counts them in the report, and deletes none', async () => {
    tree = tempTree({ 'a.md': article('财报', BODY) })
    db = openArchive(':memory:')
    const first = await importFolders(db, [tree.dir])
    expect(first.annotations).toEqual({ kept: 0, moved: 0, orphaned: 0 })
    const id = first.files[0]?.id as number

    const opening = highlight(id, '阿里巴巴周二公布财报')
    const ai = highlight(id, '人工智能需求强劲')
    const markets = highlight(id, 'Markets rose sharply')

    // The opening stays where it was; a sentence is inserted before the second; the English
    // sentence is rewritten beyond recognition.
    const edited = BODY.replace('分析师表示', '【更新】多位分析师表示').replace(
      'Markets rose sharply after the report.',
      'Shares fell in Hong Kong.',
    )
    const r = await reimport(edited)
    expect(r.updated).toBe(1)
    expect(r.annotations).toEqual({ kept: 1, moved: 1, orphaned: 1 })
    expect(r.files[0]?.annotations).toEqual({ kept: 1, moved: 1, orphaned: 1 })

    const text = plainText(edited)
    const after = new Map(listHighlights(db, LOCAL_OWNER, { articleId: id }).map((h) => [h.id, h]))
    expect(after.size).toBe(3)
    expect(after.get(opening.id)).toMatchObject({ start: opening.start, orphaned: false })
    const moved = after.get(ai.id)
    expect(moved?.orphaned).toBe(false)
    expect(moved?.start).toBe(ai.start + '【更新】多位'.length)
    expect(text.slice(moved?.start, moved?.end)).toBe('人工智能需求强劲')
    // The orphan keeps its quote (shown to the reader) and its last known place.
    expect(after.get(markets.id)).toMatchObject({
      orphaned: true,
      quote: 'Markets rose sharply',
      start: markets.start,
    })

    // The sentence comes back in a later version: so does its highlight.
    const back = await reimport(BODY)
    expect(back.annotations).toEqual({ kept: 1, moved: 2, orphaned: 0 })
    expect(listHighlights(db, LOCAL_OWNER).every((h) => !h.orphaned)).toBe(true)
  })

  it('leaves the counts at zero for an unchanged file', async () => {
    tree = tempTree({ 'a.md': article('财报', BODY) })
    db = openArchive(':memory:')
    const first = await importFolders(db, [tree.dir])
    highlight(first.files[0]?.id as number, '人工智能需求强劲')
    const again = await importFolders(db, [tree.dir])
    expect(again.unchanged).toBe(1)
    expect(again.annotations).toEqual({ kept: 0, moved: 0, orphaned: 0 })
  })

  it('keeps highlights and notes through trash and restore; only emptying the trash removes them', async () => {
    tree = tempTree({ 'a.md': article('财报', BODY), 'b.md': article('Other', 'Other text.') })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const id = r.files.find((f) => f.path === 'a.md')?.id as number
    highlight(id, '人工智能需求强劲')
    setArticleNote(db, LOCAL_OWNER, id, '追踪此事', 'now')
    // Nothing but the trash may take them along.
    expect(() => db.prepare(`DELETE FROM articles WHERE id = ?`).run(id)).toThrow(/FOREIGN/)
    trashArticles(db, [id], 'now')
    restoreArticles(db, [id], 'now')
    expect(listHighlights(db, LOCAL_OWNER)).toHaveLength(1)
    trashArticles(db, [id], 'now')
    expect(emptyTrash(db, 'now').articles).toBe(1)
    expect(listHighlights(db, LOCAL_OWNER)).toEqual([])
    expect(db.prepare(`SELECT count(*) AS n FROM article_notes`).get()).toEqual({ n: 0 })
  })
})
