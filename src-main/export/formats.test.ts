import { afterEach, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { exportArticles } from './job'
import { findChromium } from './pdf'

const EPUBCHECK = '/usr/share/java/epubcheck.jar'
const hasEpubcheck = existsSync(EPUBCHECK)
if (!hasEpubcheck)
  console.warn(`skipped: epubcheck is not at ${EPUBCHECK} (apt-get install epubcheck)`)

const PNG = tinyPng(10, 200, 10)
const FILES = {
  'en/a.md':
    '---\ntitle: Harbour & "Trams"\ndate: 2025-02-13\nlang: en\nauthor: Ann Lee\n---\n' +
    'Intro with ![the harbour](img/h.png) and ![gone](https://cdn.example.com/x.jpg).\n\n' +
    '| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n<script>alert(1)</script>\n\n[Daily](https://daily.example.com/a)\n',
  'en/img/h.png': PNG,
  'zh/b.md': '---\ntitle: 台风过境\ndate: 2025-08-01\nlang: zh-CN\n---\n正文，<b>粗体</b>\n',
}

let db: Archive
let tree: ReturnType<typeof tempTree>
afterEach(() => {
  db?.close()
  tree?.cleanup()
})

async function setup() {
  tree = tempTree(FILES)
  db = openArchive(':memory:')
  await importFolders(db, [tree.dir])
}

describe('the HTML export', () => {
  it('is one file with its pictures and styles inside, a contents list and citations', async () => {
    await setup()
    const out = tree.path('out.html')
    const r = await exportArticles(db, { format: 'html', selection: { all: true }, out })
    expect(r).toMatchObject({ articles: 2, pictures: 1, missingPictures: 1, cancelled: false })
    const html = readFileSync(out, 'utf8')
    expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`)
    expect(html).not.toMatch(/<script|src="https?:|<link /)
    expect(html).toContain("default-src 'none'")
    expect(html.match(/<nav class="toc">[\s\S]*?<\/nav>/)?.[0]).toMatch(
      /href="#a1">Harbour &#38; &#34;Trams&#34;<[\s\S]*href="#a2">台风过境</,
    )
    // citeproc's APA for English, GB/T 7714 for Chinese
    expect(html).toContain(
      '<p class="citation">Lee, A. (2025, February 13). Harbour &#38; “Trams.” Daily. https://daily.example.com/a</p>',
    )
    expect(html).toContain('<p class="citation">[1] 台风过境[EB]. 2025.</p>')
    expect(html).toContain('href="https://daily.example.com/a"')
    expect(readdirSync(tree.dir).sort()).toEqual(['en', 'out.html', 'zh'])
  })
})

describe('references', () => {
  it('writes RIS and CSL-JSON records of the articles as the user sees them', async () => {
    await setup()
    await exportArticles(db, { format: 'ris', selection: { all: true }, out: tree.path('a.ris') })
    const ris = readFileSync(tree.path('a.ris'), 'utf8')
    expect(ris.match(/^TY {2}- /gm)).toHaveLength(2)
    expect(ris).toMatch(/^TI {2}- Harbour & "Trams"$/m)
    await exportArticles(db, {
      format: 'csl-json',
      selection: { query: '台风' },
      out: tree.path('a.json'),
    })
    const items = JSON.parse(readFileSync(tree.path('a.json'), 'utf8')) as { title: string }[]
    expect(items.map((i) => i.title)).toEqual(['台风过境'])
  })
})

describe('a cancelled export', () => {
  it.each(['html', 'epub'] as const)('of %s leaves no file and no scraps', async (format) => {
    await setup()
    const ctrl = new AbortController()
    const out = tree.path(`out.${format}`)
    const r = await exportArticles(
      db,
      { format, selection: { all: true }, out },
      { signal: ctrl.signal, onProgress: (p) => p.done === 1 && ctrl.abort() },
    )
    expect(r).toMatchObject({ cancelled: true, out: null })
    expect(readdirSync(tree.dir).sort()).toEqual(['en', 'zh'])
  })
})

describe.skipIf(!hasEpubcheck)('the EPUB export', () => {
  it('passes epubcheck, with one chapter per article, its pictures and metadata', async () => {
    await setup()
    const out = tree.path('out.epub')
    const r = await exportArticles(db, {
      format: 'epub',
      selection: { all: true },
      out,
      title: 'Harbour & news',
    })
    expect(r.articles).toBe(2)
    const json = tree.path('check.json')
    // epubcheck exits non-zero on any error; its JSON report says what the book holds.
    execFileSync('java', ['-jar', EPUBCHECK, out, '-j', json], { stdio: 'pipe' })
    const check = JSON.parse(readFileSync(json, 'utf8')) as {
      messages: unknown[]
      publication: { title: string; language: string; date: string; nSpines: number }
      items: { fileName: string; media_type: string; checkSum: string }[]
    }
    expect(check.messages).toEqual([])
    expect(check.publication).toMatchObject({ title: 'Harbour & news', nSpines: 3 })
    expect(['en', 'zh-CN']).toContain(check.publication.language)
    const pictures = check.items.filter((i) => /images\/[0-9a-f]+\.png$/.test(i.fileName))
    expect(pictures).toHaveLength(1)
  })
})

describe('the PDF export', () => {
  it.skipIf(!findChromium())('prints through Chromium', { timeout: 60_000 }, async () => {
    await setup()
    const out = tree.path('out.pdf')
    const r = await exportArticles(db, { format: 'pdf', selection: { all: true }, out })
    expect(r.articles).toBe(2)
    const pdf = readFileSync(out)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    // a page break before each article: at least the contents page and two articles
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length).toBeGreaterThanOrEqual(3)
  })

  it('names what to install when there is no browser, and writes nothing', async () => {
    await setup()
    const out = tree.path('out.pdf')
    const p = exportArticles(
      db,
      { format: 'pdf', selection: { all: true }, out },
      { chromium: null },
    )
    await expect(p).rejects.toMatchObject({ code: 'pdf-needs-chromium' })
    await expect(p).rejects.toThrow(/install it \(Debian\/Ubuntu: apt-get install chromium\)/)
    expect(readdirSync(tree.dir).sort()).toEqual(['en', 'zh'])
  })
})
