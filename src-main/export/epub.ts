// EPUB 3 through nodepub (maintained, EPUB 3 output checked with EPUBCheck by its authors, works
// from local files with no network). Each article is a chapter; its stored pictures go into the
// book; pictures of a type EPUB readers need not support (WebP, AVIF, BMP, ICO, and SVG, which
// may carry scripts) are shown as their alt text.
import { copyFile, mkdir, rename, writeFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { rgbPng } from '../images/png'
import type { Article } from '../shared/types'
import { workDirOf, type ArticleWriter, type ExportContext } from './job'
import { picturesOf } from './pictures'
import { articleHeader } from './html'
import { citationForExport } from './citation'
import { escapeHtml, renderXhtml } from './render'
import { EXPORT_CSS } from './styles'
import { lazyPackage } from '../lazy-package'

interface NodepubDocument {
  addSection(title: string, content: string, excludeFromContents?: boolean): void
  addCSS(css: string): void
  writeEPUB(folder: string, name: string): Promise<void>
}
interface Nodepub {
  document(metadata: Record<string, unknown>): NodepubDocument
}
// nodepub is CommonJS without types; loaded at run time like the other external packages.
// Required on the first EPUB, not at start (a fifth of a second before the first search).
const nodepub = lazyPackage<Nodepub>('nodepub')

const COVER = () =>
  rgbPng(600, 800, (_x, y) => (y > 260 && y < 420 ? [46, 64, 87] : [246, 243, 236]))

const IN_BOOK = new Set(['png', 'jpg', 'gif'])

function bookDate(articles: Article[]): string {
  const dates = articles.map((a) => a.date?.slice(0, 10)).filter((d): d is string => !!d)
  return dates.sort().pop() ?? new Date().toISOString().slice(0, 10)
}

function bookLang(articles: Article[]): string {
  const counts = new Map<string, number>()
  for (const a of articles) if (a.lang) counts.set(a.lang, (counts.get(a.lang) ?? 0) + 1)
  return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? 'und'
}

export async function epubWriter(ctx: ExportContext): Promise<ArticleWriter> {
  const work = workDirOf(ctx.tempOut)
  const imagesDir = join(work, 'images')
  await mkdir(imagesDir, { recursive: true })
  const chapters: { title: string; html: string }[] = []
  const images = new Set<string>()
  const articles: Article[] = []
  return {
    async article(a) {
      articles.push(a)
      const inBook = new Map<string, string>()
      for (const p of picturesOf(ctx.db, a)) {
        if (!p.stored || !IN_BOOK.has(p.stored.ext)) {
          ctx.missingPicture()
          continue
        }
        const name = `${p.stored.hash.slice(0, 24)}.${p.stored.ext}`
        const file = join(imagesDir, name)
        if (!images.has(file)) {
          await copyFile(p.stored.file, file)
          images.add(file)
        }
        inBook.set(p.src.trim(), `../images/${name}`)
        ctx.picture()
      }
      const body = renderXhtml(a.markdown, (key) => inBook.get(key) ?? null)
      const lang = a.lang ? ` lang="${a.lang}" xml:lang="${a.lang}"` : ''
      // nodepub wraps the content in the chapter's XHTML document; the article's own language
      // goes on a section inside it. The header and citation are escaped with numeric
      // references, which XML reads as HTML does.
      chapters.push({
        // nodepub writes titles into its XHTML and XML as they are: they arrive escaped.
        title: escapeHtml(a.title),
        html: `<section${lang}>${articleHeader(a)}${body}${await citationForExport(ctx.db, a)}</section>`,
      })
    },
    async finish() {
      // nodepub needs a cover; a plain one (paper with a band) says nothing a reader would miss.
      const cover = join(work, 'cover.png')
      await writeFile(cover, COVER())
      const doc = nodepub().document({
        cover,
        epubVersion: 3,
        id: `urn:uuid:${randomUUID()}`,
        title: escapeHtml(ctx.title),
        author: 'Lectern',
        published: bookDate(articles),
        language: bookLang(articles),
        description: `${articles.length} articles`,
        contents: escapeHtml(ctx.title),
        showContents: true,
        addInternalCover: false,
        appendSeriesToTitle: false,
        images: [...images],
      })
      doc.addCSS(EXPORT_CSS.replace(/@media print[\s\S]*$/, ''))
      for (const c of chapters) doc.addSection(c.title, c.html)
      await doc.writeEPUB(work, 'book')
      await rename(join(work, 'book.epub'), ctx.tempOut)
    },
  }
}
