import { afterEach, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { markDownloaded, putMedia } from '../db/images'
import { mediaDirOf, storeMedia } from '../images/store'
import { getArticle } from '../db/articles'
import { tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { markdownRoundTrip } from '../test-support/round-trip'
import { appRoot } from '../app-root'
import { editArticle } from '../keep/edit'
import { trashArticles } from '../db/trash'
import { insertHighlight, LOCAL_OWNER, setArticleNote } from '../db/annotations'
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

  it('carries the reader’s highlights and note in the front matter', async () => {
    tree = tempTree({ 'a.md': '---\ntitle: A\n---\nRates fell again today.\n' })
    db = openArchive(':memory:')
    const r = await importFolders(db, [tree.dir])
    const id = r.files[0]!.id!
    const h = { articleId: id, quote: 'fell again', prefix: 'Rates ', suffix: ' today.' }
    insertHighlight(
      db,
      LOCAL_OWNER,
      { ...h, start: 6, end: 16, color: 'yellow', note: 'why?' },
      't1',
    )
    setArticleNote(db, LOCAL_OWNER, id, 'Follow up on Friday', 't2')
    const out = tree.path('out')
    await exportArticles(db, { format: 'markdown', selection: { all: true }, out })
    const text = readFileSync(join(out, folderName(0, 'A'), 'index.md'), 'utf8')
    const fm = YAML.parse(text.split('---\n')[1]!) as { lectern: Record<string, unknown> }
    expect(fm.lectern).toMatchObject({
      highlights: [{ quote: 'fell again', prefix: 'Rates ', suffix: ' today.', note: 'why?' }],
      note: { text: 'Follow up on Friday' },
    })
    const { diffs } = await markdownRoundTrip(db)
    expect(Object.fromEntries(diffs)).toEqual({})
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
