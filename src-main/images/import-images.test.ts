import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { imageRefsOf, markDownloaded, putMedia } from '../db/images'
import { archiveStats } from '../db/stats'
import { searchArchive } from '../search/search'
import { importFolders } from '../import/importer'
import type { ImportReport } from '../shared/types'
import { describeEn } from '../shared/messages-en'
import { article, tempTree } from '../test-support/tmp'
import { closedAfterEach } from '../test-support/cleanup'
import { TINY_JPEG, tinyPng } from '../test-support/images'
import { mediaFile } from './store'

let tree: ReturnType<typeof tempTree> | undefined
let db: Archive | undefined
const later = closedAfterEach()

const RED = tinyPng(255)
const DATA_URL = `data:image/png;base64,${tinyPng(1).toString('base64')}`
const byPath = (r: ImportReport) => Object.fromEntries(r.files.map((f) => [f.path, f]))
const mediaFiles = (dir: string) =>
  (readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.includes('.'))

function setup() {
  tree = later(
    tempTree({
      'outside/secret.png': tinyPng(66),
      'news/img/a.png': RED,
      'news/img/b.jpg': TINY_JPEG,
      'news/img/cover.png': tinyPng(3),
      'news/img/notes.png': 'this is not a picture',
      'news/a.md': article(
        'A',
        [
          '![red](img/a.png)',
          '<p><img src="img/b.jpg" alt="blue"></p>',
          '![](../../etc/passwd)',
          '![](file:///etc/passwd)',
          `![inline](${DATA_URL})`,
          '![](img/missing.png)',
          '![](img/notes.png)',
          '![](img/link-out.png)',
          '![](https://inews.gtimg.com/news/r.png)',
          '`![in code](img/code.png)`',
        ].join('\n\n'),
      ),
      'news/sub/b.md': article('B', '![same red](../img/a.png)\n\n![](/img/a.png)'),
      'news/c.md': article('C', 'Text only.', 'thumbnail: img/cover.png\n'),
    }),
  )
  symlinkSync(tree.path('outside/secret.png'), tree.path('news/img/link-out.png'))
  db = later(openArchive(tree.path('archive.db'), { create: true }))
  return { folder: tree.path('news'), media: tree.path('archive.db.media') }
}

describe('importing an article with pictures', () => {
  it('copies local pictures into the store once, refuses escapes, keeps data: as it is', async () => {
    const { folder, media } = setup()
    const r = await importFolders(db!, [folder])
    const f = byPath(r)
    expect(f['a.md']?.status).toBe('imported')
    expect(f['a.md']?.warnings.map(describeEn)).toEqual([
      'image not kept: ../../etc/passwd (outside the imported folder)',
      'image not kept: file:///etc/passwd (file: addresses are not imported)',
      'image img/missing.png: file not found',
      'image img/notes.png: not an image',
      'image not kept: img/link-out.png (outside the imported folder)',
    ])
    expect(f['sub/b.md']?.warnings).toEqual([
      { code: 'image-refused', params: { src: '/img/a.png', why: { code: 'absolute-path' } } },
    ])
    expect(f['c.md']?.warnings).toEqual([])

    const a = getArticle(db!, f['a.md']!.id!)!
    const b = getArticle(db!, f['sub/b.md']!.id!)!
    const c = getArticle(db!, f['c.md']!.id!)!
    expect(Object.keys(a.images ?? {})).toEqual(['img/a.png', 'img/b.jpg'])
    expect(a.images?.['img/b.jpg']).toMatch(/^\/media\/[0-9a-f]{64}\.jpg$/)
    // The same picture from two articles (by two paths) is one file.
    expect(b.images?.['../img/a.png']).toBe(a.images?.['img/a.png'])
    expect(c.images?.['img/cover.png']).toMatch(/\.png$/)
    expect(a.markdown).toContain(DATA_URL)
    const hash = a.images!['img/a.png']!.slice(7, 71)
    expect(readFileSync(mediaFile(media, hash, 'png'))).toEqual(RED)
    expect(mediaFiles(media)).toHaveLength(3) // a.png, b.jpg, cover.png; never secret.png

    expect(imageRefsOf(db!, a.id).map((x) => [x.src, x.kind, x.status, x.error])).toEqual([
      ['img/a.png', 'local', 'stored', null],
      ['img/b.jpg', 'local', 'stored', null],
      ['img/missing.png', 'local', 'failed', { code: 'file-missing' }],
      ['img/notes.png', 'local', 'failed', { code: 'not-an-image', params: {} }],
      ['https://inews.gtimg.com/news/r.png', 'remote', 'missing', null],
    ])
    expect(imageRefsOf(db!, c.id)[0]).toMatchObject({ kind: 'thumbnail', status: 'stored' })
    expect(archiveStats(db!).images).toEqual({
      stored: 4,
      missing: 1,
      failed: 2,
      bytes: RED.length + TINY_JPEG.length + tinyPng(3).length,
    })
  })

  it('keeps what was fetched when an article is re-imported, and forgets pictures it dropped', async () => {
    const { folder } = setup()
    const first = byPath(await importFolders(db!, [folder]))
    const id = first['a.md']!.id!
    const remote = 'https://inews.gtimg.com/news/r.png'
    const hash = 'f'.repeat(64)
    putMedia(db!, { hash, mime: 'image/png', bytes: 1 }, 'now')
    markDownloaded(db!, remote, hash, 'now')

    // Edited: b.jpg is gone, the remote picture stays.
    writeFileSync(
      tree!.path('news/a.md'),
      article('A', `![red](img/a.png)\n\n![](${remote})\n\nA new paragraph.`),
    )
    const again = byPath(await importFolders(db!, [folder]))
    expect(again['a.md']).toMatchObject({ status: 'updated', warnings: [] })
    expect(imageRefsOf(db!, id).map((x) => [x.src, x.status])).toEqual([
      ['img/a.png', 'stored'],
      [remote, 'stored'],
    ])
    // Another article using an address already fetched gets it without a download.
    writeFileSync(tree!.path('news/d.md'), article('D', `![](${remote})`))
    const d = byPath(await importFolders(db!, [folder]))['d.md']!
    expect(imageRefsOf(db!, d.id!)[0]).toMatchObject({
      status: 'stored',
      media: `/media/${hash}.png`,
    })
  })

  it('gives search results the stored thumbnail, for the list', async () => {
    const { folder } = setup()
    await importFolders(db!, [folder])
    const hits = searchArchive(db!, { query: '', limit: 10 }).hits
    const c = hits.find((h) => h.title === 'C')
    expect(c?.thumbnail).toMatch(/^\/media\/[0-9a-f]{64}\.png$/)
    expect(hits.find((h) => h.title === 'A')?.thumbnail).toBeNull()
  })
})
