import { afterEach, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { markDownloaded, putMedia } from '../db/images'
import { mediaDirOf, storeMedia } from '../images/store'
import { getArticle } from '../db/articles'
import { tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { markdownRoundTrip, marksOf } from '../test-support/round-trip'
import { appRoot } from '../app-root'
import { editArticle } from '../keep/edit'
import { trashArticles } from '../db/trash'
import {
  getArticleNote,
  insertHighlight,
  listHighlights,
  LOCAL_OWNER,
  placeHighlight,
  setArticleNote,
} from '../db/annotations'
import { plainText } from '../text/plain'
import { selectorAt } from '../annotations/anchor'
import type { HighlightColor } from '../shared/annotations'
import { exportArticles } from './job'
import { folderName } from './markdown'

let db: Archive
let tree: ReturnType<typeof tempTree> | undefined
afterEach(() => {
  db?.close()
  tree?.cleanup()
  tree = undefined
})

const PNG = tinyPng(200, 30, 30)

// Files that exercise every way the importer derives a field from something other than a
// front matter key of the same name.
const AWKWARD: Record<string, string | Uint8Array> = {
  'no-front-matter.md': '# Heading as title\n\nBody with ![a local picture](img/p.png).\n',
  'img/p.png': PNG,
  'thumb.png': tinyPng(1, 2, 3),
  '2024/05/06/dated-by-path.md': '---\ntags: a, b，c\n---\nBody\n',
  'toml.md':
    '+++\ntitle = "TOML 文章"\ndate = 2025-02-13T19:47:22+08:00\nkeywords = ["x", "y"]\n[extra]\nn = 1\n+++\n正文\n',
  'json.md':
    '{"title": "JSON one", "description": "a summary", "link": "https://example.com/a"}\nBody\n',
  'broken.md': '---\ntitle: "Unclosed quote\ndate: 2025-01-02\n---\nBody after broken YAML\n',
  '2023-01-02-bad-date.md':
    '---\ntitle: Bad date\ndate: sometime in spring\nauthors: [Ann, Bob]\nthumbnail: thumb.png\nnested: {deep: [1, {k: v}]}\n---\nText\n\n[Reuters](https://www.reuters.com/x)\n',
  'yes-no.md':
    '---\ntitle: "yes"\nlang: zh_CN\nflag: "no"\nnum: "0012"\nwhen: "2025-03-04"\n---\nB\n',
}

describe('the Markdown folder export', () => {
  it('gives back every article field for field when imported into a new archive', async () => {
    tree = tempTree(AWKWARD)
    db = openArchive(':memory:')
    await importFolders(db, [tree.dir])
    const { report, imported, diffs } = await markdownRoundTrip(db)
    expect(report.articles).toBe(7)
    expect(imported.imported).toBe(7)
    expect(Object.fromEntries(diffs)).toEqual({})
  })

  it('round-trips the bundled sample', async () => {
    db = openArchive(':memory:')
    await importFolders(db, [join(appRoot(), 'resources', 'sample')])
    const { report, diffs } = await markdownRoundTrip(db)
    expect(report.articles).toBeGreaterThan(10)
    expect(Object.fromEntries(diffs)).toEqual({})
  })

  it('carries the user’s edits: the new archive holds the values as edited', async () => {
    tree = tempTree({
      'a.md': '---\ntitle: Old title\ndate: 2025-01-02\ntags: [x]\n---\nBody\n',
      'b.md': '# B\n',
    })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const id = r.files.find((f) => f.path === 'a.md')!.id!
    editArticle(db, id, { set: { title: 'New title', date: '2024-12-31' }, addTags: ['y'] })
    const { report, diffs } = await markdownRoundTrip(db)
    expect(report.articles).toBe(2)
    expect(Object.fromEntries(diffs)).toEqual({})

    const out = tree.path('out')
    await exportArticles(db, { format: 'markdown', selection: { ids: [id] }, out })
    const text = readFileSync(join(out, folderName(0, 'New title'), 'index.md'), 'utf8')
    expect(text).toMatch(/^title: New title$/m)
    expect(text).toMatch(/^tags:\n {2}- x\n {2}- y$/m)
    // what the file said before the edit is not lost
    expect(text).toMatch(/^ {2}original:\n {4}title: Old title\n {4}date: 2025-01-02$/m)
  })

  it('carries the reader’s highlights and note, and a new archive holds them again', async () => {
    tree = tempTree({
      'a.md': '---\ntitle: A\n---\nRates fell again today. Rates fell again in May.\n',
      'b.md': '---\ntitle: 乙\n---\n云计算收入增长百分之十三。分析师表示，人工智能需求强劲。\n',
    })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const [a, b] = ['a.md', 'b.md'].map((p) => r.files.find((f) => f.path === p)!.id!)
    const mark = (id: number, start: number, end: number, color: HighlightColor, note: string) => {
      const text = plainText(getArticle(db, id)!.markdown)
      const { exact, prefix, suffix } = selectorAt(text, start, end)
      return insertHighlight(
        db,
        LOCAL_OWNER,
        { articleId: id, quote: exact, prefix, suffix, start, end, color, note },
        't1',
      )
    }
    // the second of two identical phrases: only its context tells it from the first
    mark(a!, 30, 40, 'green', 'why?')
    mark(b!, 19, 27, 'pink', '关键')
    // an orphan (its words left the article in an earlier update) travels too, and stays one
    const gone = insertHighlight(
      db,
      LOCAL_OWNER,
      {
        articleId: a!,
        quote: 'Yields rose',
        prefix: '',
        suffix: ' today.',
        start: 6,
        end: 17,
        color: 'blue',
        note: null,
      },
      't1',
    )
    placeHighlight(db, gone.id, null, 't1')
    setArticleNote(db, LOCAL_OWNER, a!, 'Follow up on Friday', 't2')

    const out = tree.path('out')
    await exportArticles(db, { format: 'markdown', selection: { all: true }, out })
    const text = readFileSync(join(out, folderName(0, 'A'), 'index.md'), 'utf8')
    const fm = YAML.parse(text.split('---\n')[1]!) as { lectern: Record<string, unknown> }
    expect(fm.lectern).toMatchObject({
      highlights: [
        { quote: 'fell again', prefix: 'Rates fell again today. Rates ', note: 'why?' },
        { quote: 'Yields rose', color: 'blue' },
      ],
      note: { text: 'Follow up on Friday' },
    })
    const { imported, diffs } = await markdownRoundTrip(db)
    // compared: fields, and each highlight's quote, context, colour, note and place; the notes
    expect(Object.fromEntries(diffs)).toEqual({})
    expect(imported.annotations).toEqual({ kept: 2, moved: 0, orphaned: 1 })
  })

  it('gives an exported folder’s highlights to the importing reader, once', async () => {
    tree = tempTree({ 'a.md': '---\ntitle: A\n---\nRates fell again today.\n' })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const id = r.files[0]!.id!
    insertHighlight(
      db,
      LOCAL_OWNER,
      {
        articleId: id,
        quote: 'fell',
        prefix: 'Rates ',
        suffix: ' again',
        start: 6,
        end: 10,
        color: 'green',
        note: null,
      },
      't1',
    )
    setArticleNote(db, LOCAL_OWNER, id, 'mine', 't1')
    const out = tree.path('out')
    await exportArticles(db, { format: 'markdown', selection: { all: true }, out })

    const back = openArchive(':memory:')
    try {
      const first = await importFolders(back, [out], { owner: 'alice' })
      const bId = first.files[0]!.id!
      expect(marksOf(back, bId)).toEqual({ highlights: [], note: null }) // not the local reader's
      const alice = listHighlights(back, 'alice', { articleId: bId })
      expect(alice.map((h) => [h.quote, h.start, h.end])).toEqual([['fell', 6, 10]])
      expect(getArticleNote(back, 'alice', bId)?.note).toBe('mine')
      // the reader's data lives in its rows, not in the article's front matter for every reader
      expect(getArticle(back, bId)!.frontMatter.lectern).toBeUndefined()

      // unchanged, then changed: the article keeps its own highlights, none are added again
      await importFolders(back, [out], { owner: 'alice' })
      const file = join(out, folderName(0, 'A'), 'index.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('Rates', 'Prices'))
      const again = await importFolders(back, [out], { owner: 'alice' })
      expect(again.updated).toBe(1)
      expect(again.annotations).toEqual({ kept: 1, moved: 0, orphaned: 0 })
      expect(listHighlights(back, 'alice', { articleId: bId })).toHaveLength(1)
      expect(getArticle(back, bId)!.frontMatter.lectern).toBeUndefined()
    } finally {
      back.close()
    }
  })

  it('keeps a highlight it cannot place, orphaned, and skips entries that are not highlights', async () => {
    tree = tempTree({
      'x.md':
        '---\ntitle: X\nlectern:\n  highlights:\n    - quote: not in this text\n      color: red\n    - note: no quote\n    - 7\n  note:\n    text: kept\n---\nOther words.\n',
    })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const id = r.files[0]!.id!
    expect(r.annotations).toEqual({ kept: 0, moved: 0, orphaned: 1 })
    expect(marksOf(db, id)).toEqual({
      highlights: [
        {
          quote: 'not in this text',
          prefix: '',
          suffix: '',
          color: 'yellow',
          note: null,
          orphaned: true,
        },
      ],
      note: 'kept',
    })
  })

  it('copies stored pictures beside each article and points web pictures at the copies', async () => {
    tree = tempTree({
      'a.md': '---\ntitle: A\n---\n![local](img/p.png)\n\n![web](https://img.example.com/w.png)\n',
      'img/p.png': PNG,
    })
    db = openArchive(':memory:')
    await importFolders(db, [tree.dir])
    const web = tinyPng(9, 9, 9)
    const hash = await storeMedia(mediaDirOf(db), web, 'png')
    putMedia(db, { hash, mime: 'image/png', bytes: web.length }, 'now')
    markDownloaded(db, 'https://img.example.com/w.png', hash, 'now')

    const out = tree.path('out')
    const r = await exportArticles(db, { format: 'markdown', selection: { all: true }, out })
    expect(r.pictures).toBe(2)
    const folder = join(out, folderName(0, 'A'))
    const text = readFileSync(join(folder, 'index.md'), 'utf8')
    expect(readFileSync(join(folder, 'img/p.png'))).toEqual(PNG)
    const copy = /!\[web\]\((images\/[0-9a-f]+\.png)\)/.exec(text)?.[1]
    expect(copy && readFileSync(join(folder, copy))).toEqual(web)
    expect(text).toContain(`${copy}: https://img.example.com/w.png`)

    // and a new archive holds both pictures again, with the web one's address restored in test
    const { diffs } = await markdownRoundTrip(db)
    expect(Object.fromEntries(diffs)).toEqual({})

    // a second round trip, from the archive the export made, with a highlight made there: the
    // web picture's address and the highlight both survive it
    const back = openArchive(':memory:')
    try {
      const r2 = await importFolders(back, [out])
      const id = r2.files.find((f) => f.path.endsWith('index.md'))!.id!
      const text = plainText(getArticle(back, id)!.markdown)
      expect(text.length).toBeGreaterThan(2)
      const { exact, prefix, suffix } = selectorAt(text, 0, 3)
      const h = {
        quote: exact,
        prefix,
        suffix,
        start: 0,
        end: 3,
        color: 'pink',
        note: 'n',
      } as const
      insertHighlight(back, LOCAL_OWNER, { articleId: id, ...h }, 't')
      const again = await markdownRoundTrip(back)
      expect(Object.fromEntries(again.diffs)).toEqual({})
    } finally {
      back.close()
    }
  })

  it('refuses to merge into an existing folder and leaves no half folder when cancelled', async () => {
    tree = tempTree({ 'a.md': '# A\n', 'b.md': '# B\n', 'taken/x.txt': 'x' })
    db = openArchive(':memory:')
    await importFolders(db, [tree.dir])
    await expect(
      exportArticles(db, { format: 'markdown', selection: { all: true }, out: tree.path('taken') }),
    ).rejects.toMatchObject({ code: 'export-exists' })

    const ctrl = new AbortController()
    const r = await exportArticles(
      db,
      { format: 'markdown', selection: { all: true }, out: tree.path('out') },
      { signal: ctrl.signal, onProgress: (p) => p.done === 1 && ctrl.abort() },
    )
    expect(r).toMatchObject({ cancelled: true, out: null })
    expect(existsSync(tree.path('out'))).toBe(false)
    expect(readdirSync(tree.dir).sort()).toEqual(['a.md', 'b.md', 'taken'])
  })

  it('exports exactly the chosen ids, and names an unknown one', async () => {
    tree = tempTree({ 'a.md': '# A\n', 'b.md': '# B\n' })
    db = openArchive(':memory:')
    await importFolders(db, [tree.dir])
    const r = await exportArticles(db, {
      format: 'markdown',
      selection: { ids: [2] },
      out: tree.path('out'),
    })
    expect(r.articles).toBe(1)
    expect(r.files.map((f) => getArticle(db, f.id)?.title)).toEqual([getArticle(db, 2)?.title])
    // the whole archive is what is not in the trash
    trashArticles(db, [1], 'now')
    const all = await exportArticles(db, {
      format: 'markdown',
      selection: { all: true },
      out: tree.path('all'),
    })
    expect(all.files.map((f) => f.id)).toEqual([2])
    await expect(
      exportArticles(db, { format: 'markdown', selection: { ids: [2, 99] }, out: tree.path('o2') }),
    ).rejects.toMatchObject({ code: 'not-found', problem: { params: { id: 99 } } })
  })
})
