import { afterEach, describe, expect, it } from 'vitest'
import { symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs'
import iconv from 'iconv-lite'
import { openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { importFolders, nextBatchSize } from './importer'
import { article, tempTree } from '../test-support/tmp'
import type { ImportReport } from '../shared/types'

let tree: ReturnType<typeof tempTree>
let db: Archive
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

const count = (d: Archive) =>
  (d.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
const byPath = (r: ImportReport) => Object.fromEntries(r.files.map((f) => [f.path, f]))

function setup(files: Record<string, string | Uint8Array>) {
  tree = tempTree(files)
  db = openArchive(':memory:')
  return tree.dir
}

describe('importing a folder', () => {
  it('accounts for every file with exactly one status and a reason', async () => {
    const dir = setup({
      'a.md': article('First', 'Alpha body'),
      'sub/b.markdown': article('Second', 'Beta body'),
      'sub/deeper/c.MD': '# Heading title\n\nNo front matter here.',
      'copy/a-again.md': article('First', 'Alpha body'),
      'notes.txt': 'not markdown',
      'empty.md': '',
      'image.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'broken.md': '---\ntitle: "unclosed\ntags: [a, b\n---\n\nBody still searchable.\n',
      '.git/config': 'hidden',
    })
    symlinkSync(dir, `${dir}/sub/loop`)
    symlinkSync(`${dir}/nowhere.md`, `${dir}/dangling.md`)
    const r = await importFolders(db, [dir])
    const f = byPath(r)
    expect(f['a.md']?.status).toBe('imported')
    expect(f['sub/b.markdown']?.status).toBe('imported')
    expect(f['sub/deeper/c.MD']?.status).toBe('imported')
    expect(f['copy/a-again.md']).toMatchObject({ status: 'duplicate', duplicateOf: f['a.md']?.id })
    expect(f['notes.txt']).toMatchObject({ status: 'skipped', error: { code: 'not-markdown' } })
    expect(f['empty.md']).toMatchObject({ status: 'skipped', error: { code: 'empty-file' } })
    expect(f['image.md']).toMatchObject({ status: 'skipped', error: { code: 'binary-file' } })
    expect(f['broken.md']?.status).toBe('imported')
    expect(f['broken.md']?.warnings.map((w) => w.code)).toContain('front-matter-invalid')
    expect(f['.git']).toMatchObject({ status: 'skipped', error: { code: 'hidden-folder' } })
    expect(f['sub/loop']?.status).toBe('skipped')
    expect(f['dangling.md']).toMatchObject({ status: 'failed', error: { code: 'broken-link' } })
    // Nothing silently dropped: the counters add up to the files listed.
    const sum = r.imported + r.updated + r.unchanged + r.duplicates + r.skipped + r.failed
    expect(sum).toBe(r.scanned)
    expect(r.files).toHaveLength(r.scanned)
    expect(count(db)).toBe(4)
    expect(getArticle(db, f['sub/deeper/c.MD']?.id as number)?.title).toBe('Heading title')
  })

  it('imports GB18030 text and says so', async () => {
    const body =
      '这是一篇用国标编码保存的文章，内容涉及经济与市场的最新变化，以及阿里巴巴的新业务。'
    const dir = setup({ 'gbk.md': iconv.encode(article('国标编码', body), 'gb18030') })
    const r = await importFolders(db, [dir])
    const file = r.files[0]
    expect(file?.status).toBe('imported')
    expect(file?.warnings).toContainEqual({ code: 'decoded-from', params: { encoding: 'GB18030' } })
    expect(getArticle(db, file?.id as number)?.markdown).toContain('阿里巴巴')
  })

  it('is idempotent: a second import says unchanged for every file, duplicates included', async () => {
    const dir = setup({
      'a.md': article('A', 'one'),
      'b.md': article('B', 'two'),
      'b-copy.md': article('B', 'two'),
    })
    await importFolders(db, [dir])
    const before = count(db)
    const again = await importFolders(db, [dir])
    expect(again.unchanged).toBe(3)
    expect(again.imported + again.updated + again.duplicates).toBe(0)
    expect(count(db)).toBe(before)
  })

  it('says unchanged when only the modification time moved', async () => {
    const dir = setup({ 'a.md': article('A', 'one') })
    const first = await importFolders(db, [dir])
    utimesSync(tree.path('a.md'), new Date(), new Date(Date.now() + 5000))
    const again = await importFolders(db, [dir])
    expect(again.files[0]).toMatchObject({ status: 'unchanged', id: first.files[0]?.id })
  })

  it('updates an edited file in place, keeping its id', async () => {
    const dir = setup({ 'a.md': article('Old title', 'old body') })
    const first = await importFolders(db, [dir])
    writeFileSync(tree.path('a.md'), article('New title', 'new body'))
    utimesSync(tree.path('a.md'), new Date(), new Date(Date.now() + 5000))
    const again = await importFolders(db, [dir])
    const id = first.files[0]?.id as number
    expect(again.files[0]).toMatchObject({ status: 'updated', id })
    expect(getArticle(db, id)?.title).toBe('New title')
    expect(count(db)).toBe(1)
  })

  it('keeps articles whose files vanished (it is an archive)', async () => {
    const dir = setup({ 'a.md': article('Keep me', 'x'), 'b.md': article('B', 'y') })
    const first = await importFolders(db, [dir])
    unlinkSync(tree.path('a.md'))
    const again = await importFolders(db, [dir])
    expect(again.scanned).toBe(1)
    expect(count(db)).toBe(2)
    expect(getArticle(db, first.files[0]?.id as number)?.title).toBe('Keep me')
  })

  it('reports progress and can be cancelled between batches', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 50; i++)
      files[`f${String(i).padStart(2, '0')}.md`] = article(`T${i}`, `body ${i}`)
    const dir = setup(files)
    const ctrl = new AbortController()
    const seen: number[] = []
    const r = await importFolders(db, [dir], {
      batchSize: 10,
      signal: ctrl.signal,
      onProgress: (p) => {
        if (p.phase === 'importing') seen.push(p.done)
        if (p.done >= 20) ctrl.abort()
      },
    })
    expect(r.cancelled).toBe(true)
    expect(r.imported).toBe(20)
    expect(seen).toEqual([0, 10, 20])
    const rest = await importFolders(db, [dir])
    expect(rest).toMatchObject({ unchanged: 20, imported: 30 })
  })

  it('writes its last batches smaller, so the end waits less for the last one', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 600; i++) files[`f${i}.md`] = article(`T${i}`, `body ${i}`)
    const dir = setup(files)
    const seen: number[] = []
    const r = await importFolders(db, [dir], {
      batchSize: 200,
      onProgress: (p) => void (p.phase === 'importing' && seen.push(p.done)),
    })
    expect(r.imported).toBe(600)
    expect(seen).toEqual([0, 200, 400, 500, 600])
  })

  it('hands out every file of a large folder, in batches of at most the batch size', () => {
    const sizes: number[] = []
    for (let left = 20_001; left > 0;) {
      const n = Math.min(left, nextBatchSize(1000, left))
      sizes.push(n)
      left -= n
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_001)
    expect(Math.max(...sizes)).toBe(1000)
    expect(sizes.slice(-5)).toEqual([501, 250, 125, 100, 25])
  })

  it('merges the index less during an import, and leaves the setting as it found it', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 100; i++) files[`f${i}.md`] = article(`T${i}`, `正文 ${i} body ${i}`)
    const dir = setup(files)
    const automerge = () =>
      db.prepare(`SELECT v FROM articles_fts_config WHERE k = 'automerge'`).pluck().get()
    const during: unknown[] = []
    const r = await importFolders(db, [dir], {
      batchSize: 10,
      onProgress: (p) => void (p.phase === 'importing' && p.done > 0 && during.push(automerge())),
    })
    expect(r.imported).toBe(100)
    expect(new Set(during)).toEqual(new Set([8]))
    expect(automerge()).toBe(4)
    const hits = db
      .prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '"正 文"'`)
      .pluck()
      .get()
    expect(hits).toBe(100)
  })

  it('refuses something that is not a folder', async () => {
    setup({ 'a.md': 'x' })
    await expect(importFolders(db, [tree.path('a.md')])).rejects.toThrow(/Not a folder/)
  })
})
