import { afterEach, describe, expect, it } from 'vitest'
import { existsSync, readFileSync, renameSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { shownArticle } from '../db/edits'
import { labelsOf, listLabels } from '../db/labels'
import { mergeLabels } from '../db/label-aliases'
import { emptyTrash, restoreArticles, trashArticles, trashedArticles } from '../db/trash'
import { revisionList, revisionTexts } from '../db/revisions'
import { undoLast } from '../db/undo'
import { mediaFile } from '../images/store'
import { importFiles, importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { bulkEdit, editArticle } from './edit'
import type { ImportReport } from '../shared/types'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

const byPath = (r: ImportReport) => Object.fromEntries(r.files.map((f) => [f.path, f]))
const now = () => new Date().toISOString()

async function setup(files: Record<string, string | Uint8Array>) {
  tree = tempTree({ 'archive/.keep': '', ...prefixed(files) })
  db = openArchive(tree.path('archive/a.db'), { create: true })
  const r = await importFolders(db, [tree.path('news')])
  return { folder: tree.path('news'), ids: byPath(r) }
}
const prefixed = (files: Record<string, string | Uint8Array>) =>
  Object.fromEntries(Object.entries(files).map(([k, v]) => [`news/${k}`, v]))

describe('edits that survive re-import', () => {
  it('keeps the user’s values over an unchanged and then an updated file', async () => {
    const { folder, ids } = await setup({ 'a.md': article('原标题', '第一版正文') })
    const id = ids['a.md']!.id!
    const shown = editArticle(db, id, {
      set: { title: '改过的标题', date: '2025-03-01', sourceName: '新华社' },
      addTags: ['要闻'],
    })
    expect(shown).toMatchObject({
      title: '改过的标题',
      date: '2025-03-01',
      sourceName: '新华社',
      tags: ['test', '要闻'],
      edited: ['date', 'sourceName', 'tags', 'title'],
      imported: { title: '原标题', date: '2025-02-13T19:47:22', tags: ['test'] },
      trashed: false,
      sourceMissing: false,
      revisions: 0,
    })

    const again = await importFolders(db, [folder])
    expect(byPath(again)['a.md']).toMatchObject({ status: 'unchanged', editedFieldsKept: 4 })
    expect(again.editedFieldsKept).toBe(4)
    expect(shownArticle(db, id)?.title).toBe('改过的标题')

    tree.write('news/a.md', article('新标题', '第二版正文', 'summary: "新摘要"\n'))
    const updated = await importFolders(db, [folder])
    expect(byPath(updated)['a.md']).toMatchObject({ status: 'updated', id, editedFieldsKept: 4 })
    const after = shownArticle(db, id)!
    expect(after.title).toBe('改过的标题')
    expect(after.imported?.title).toBe('新标题')
    expect(after.summary).toBe('新摘要') // not edited: follows the file
    expect(after.markdown.trim()).toBe('第二版正文')
    expect(after.revisions).toBe(1)

    // Reset: back to the imported value, which then follows the file again.
    expect(editArticle(db, id, { reset: ['title'] }).title).toBe('新标题')
  })

  it('refuses values that cannot be kept, with a sentence', async () => {
    const { ids } = await setup({ 'a.md': article('T', 'b') })
    const id = ids['a.md']!.id!
    expect(() => editArticle(db, id, { set: { title: '  ' } })).toThrow(/cannot be empty/)
    expect(() => editArticle(db, id, { set: { date: 'next week' } })).toThrow(/Not a date/)
    expect(() => editArticle(db, id, { set: { sourceUrl: 'javascript:x' } })).toThrow(/http/)
    expect(() => editArticle(db, id, { set: { lang: 'chinese!' } })).toThrow(/language/)
    expect(() => editArticle(db, 999, { set: { title: 'x' } })).toThrow(/No article/)
    expect(shownArticle(db, id)?.edited).toEqual([])
  })
})

describe('bulk changes', () => {
  it('add and remove tags and set the source on many articles in one undoable change', async () => {
    const { ids } = await setup({
      'a.md': article('A', 'a'),
      'b.md': article('B', 'b'),
      'c.md': article('C', 'c'),
    })
    const [a, b, c] = ['a.md', 'b.md', 'c.md'].map((p) => ids[p]!.id!) as [number, number, number]
    editArticle(db, c, { set: { summary: 'mine' } })
    const r = bulkEdit(db, [a, b], {
      addTags: ['选举', '选举'],
      removeTags: ['TEST'],
      set: { sourceName: 'Reuters' },
    })
    expect(r.changed).toBe(2)
    expect(shownArticle(db, a)).toMatchObject({ tags: ['选举'], sourceName: 'Reuters' })
    expect(shownArticle(db, c)).toMatchObject({ tags: ['test'], summary: 'mine' })

    expect(undoLast(db)?.action).toBe('bulk edit')
    expect(shownArticle(db, a)).toMatchObject({ tags: ['test'], edited: [] })
    expect(shownArticle(db, b)?.sourceName).toBeNull()
    // The edit before stays; undo goes back one change at a time.
    expect(shownArticle(db, c)?.summary).toBe('mine')
    expect(undoLast(db)?.action).toBe('edit')
    expect(shownArticle(db, c)?.summary).toBeNull()
    expect(undoLast(db)).toBeNull()
  })

  it('merges three labels into one, for articles imported later too, undoably', async () => {
    const { folder, ids } = await setup({
      'a.md': article('A', 'a', 'categories: ["新华社"]\n'),
      'b.md': article('B', 'b', 'categories: ["新華社"]\n'),
      'c.md': article('C', 'c', 'categories: ["Xinhua"]\n'),
    })
    const r = mergeLabels(db, 'category', ['新华社', '新華社', 'Xinhua'], '新华社', now())
    expect(r.articles).toBe(3)
    expect(listLabels(db, 'category')).toEqual([{ name: '新华社', count: 3 }])
    for (const p of ['a.md', 'b.md', 'c.md']) {
      expect(labelsOf(db, ids[p]!.id!, 'category')).toEqual(['新华社'])
    }
    tree.write('news/d.md', article('D', 'd', 'categories: ["xinhua", "World"]\n'))
    tree.write('news/b.md', article('B', 'b changed', 'categories: ["新華社"]\n'))
    const again = byPath(await importFolders(db, [folder]))
    expect(labelsOf(db, again['d.md']!.id!, 'category')).toEqual(['World', '新华社'])
    expect(labelsOf(db, again['b.md']!.id!, 'category')).toEqual(['新华社'])

    // Rename is a merge of one; an earlier merge follows it.
    mergeLabels(db, 'category', ['新华社'], 'Xinhua News', now())
    expect(listLabels(db, 'category')).toEqual([
      { name: 'Xinhua News', count: 4 },
      { name: 'World', count: 1 },
    ])
    undoLast(db)
    undoLast(db)
    expect(
      listLabels(db, 'category')
        .map((l) => l.name)
        .sort(),
    ).toEqual(['World', 'Xinhua', '新华社', '新華社'])
  })
})

describe('trash', () => {
  it('keeps trashed articles out of re-imports, restores them, and empties for good', async () => {
    const png = tinyPng(7)
    const { folder, ids } = await setup({
      'img/p.png': png,
      'img/q.png': tinyPng(8),
      'a.md': article('A', '![](img/p.png) ![](img/q.png)'),
      'b.md': article('B', '![](img/p.png)'),
    })
    const a = ids['a.md']!.id!
    expect(trashArticles(db, [a, 12345], now())).toBe(1)
    expect(shownArticle(db, a)?.trashed).toBe(true)
    expect(trashedArticles(db, 0, 10).map((t) => t.id)).toEqual([a])
    tree.write('news/a.md', article('A', 'changed ![](img/p.png)'))
    const again = byPath(await importFolders(db, [folder]))
    expect(again['a.md']).toMatchObject({ status: 'skipped', error: { code: 'in-trash' } })
    expect(shownArticle(db, a)?.markdown).not.toMatch(/changed/)

    expect(restoreArticles(db, [a], now())).toBe(1)
    expect(shownArticle(db, a)?.trashed).toBe(false)
    expect(undoLast(db)?.action).toBe('restore')
    expect(shownArticle(db, a)?.trashed).toBe(true)

    const media = `${db.name}.media`
    const files = db.prepare(`SELECT hash, mime FROM media ORDER BY hash`).all() as {
      hash: string
    }[]
    expect(files).toHaveLength(2)
    const emptied = emptyTrash(db, now())
    expect(emptied.articles).toBe(1)
    expect(shownArticle(db, a)).toBeNull()
    // q.png was a's alone and goes; p.png is b's too and stays.
    expect(emptied.mediaFiles).toHaveLength(1)
    expect(db.prepare(`SELECT count(*) AS n FROM media`).get()).toEqual({ n: 1 })
    const hit = db.prepare(
      `SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH 'changed'`,
    )
    expect(hit.get()).toEqual({ n: 0 })
    expect(existsSync(media)).toBe(true)
    expect(existsSync(mediaFile(media, files[0]!.hash, 'png'))).toBe(true)

    // Removed for good: the same file is not brought back (a changed one would be new content).
    tree.write('news/a.md', article('A', '![](img/p.png) ![](img/q.png)'))
    const third = byPath(await importFolders(db, [folder]))
    expect(third['a.md']).toMatchObject({ status: 'skipped', error: { code: 'discarded' } })
  })
})

describe('revisions and moves', () => {
  it('keeps each replaced state, oldest first, and a renamed file keeps its article', async () => {
    const { folder, ids } = await setup({ 'a.md': article('Minister resigns', '死亡人数为12人') })
    const id = ids['a.md']!.id!
    tree.write('news/a.md', article('Minister resigns', '死亡人数为21人'))
    await importFolders(db, [folder])
    const list = revisionList(db, id)
    expect(list.map((r) => [r.revision, r.current])).toEqual([
      [1, false],
      [2, true],
    ])
    expect(revisionTexts(db, id).map((r) => r.markdown.trim())).toEqual([
      '死亡人数为12人',
      '死亡人数为21人',
    ])

    editArticle(db, id, { set: { summary: 'kept' } })
    renameSync(tree.path('news/a.md'), tree.path('news/moved-a.md'))
    const moved = byPath(await importFolders(db, [folder]))
    expect(moved['moved-a.md']).toMatchObject({ status: 'moved', id, editedFieldsKept: 1 })
    const shown = shownArticle(db, id)!
    expect(shown.path).toBe(tree.path('news/moved-a.md'))
    expect(shown.summary).toBe('kept')
    expect(shown.revisions).toBe(1)
    // The old path is forgotten: a new file there is a new article, not an update of this one.
    expect(db.prepare(`SELECT count(*) AS n FROM files`).get()).toEqual({ n: 1 })

    // A copy beside a file that is still there is a duplicate, not a move.
    tree.write('news/copy.md', readFileSync(tree.path('news/moved-a.md')))
    const copied = byPath(await importFolders(db, [folder]))
    expect(copied['copy.md']).toMatchObject({ status: 'duplicate', duplicateOf: id })
    expect(shownArticle(db, id)?.path).toBe(tree.path('news/moved-a.md'))
  })

  it('imports just the files a watcher names, and says which vanished', async () => {
    const { folder } = await setup({ 'a.md': article('A', 'a') })
    tree.write('news/sub/new.md', article('New', 'n'))
    tree.write('news/other.md', article('Other', 'o'))
    const r = await importFiles(db, folder, [
      tree.path('news/sub/new.md'),
      tree.path('news/a.md'),
      tree.path('news/gone.md'),
    ])
    expect(r.files.map((f) => [f.path, f.status, f.error?.code ?? ''])).toEqual([
      ['sub/new.md', 'imported', ''],
      ['a.md', 'unchanged', ''],
      ['gone.md', 'failed', 'vanished'],
    ])
    // other.md was not named, so not read.
    expect(db.prepare(`SELECT count(*) AS n FROM articles`).get()).toEqual({ n: 2 })
  })
})
