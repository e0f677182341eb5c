// One writer per export format: the articles themselves, and references for reference managers.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LecternError } from '../shared/errors'
import type { ExportFormat } from '../shared/export'
import { epubWriter } from './epub'
import { htmlWriter } from './html'
import { workDirOf, type ArticleWriter, type ExportContext } from './job'
import { markdownWriter } from './markdown'
import { CHROMIUM_HELP, chromiumPrinter, findChromium } from './pdf'
import { toBibtex, toCslJson, toRis } from '../cite/exports'
import type { CslItem } from '../cite/csl-item'
import { shownItem } from './citation'

/** Prints a self-contained HTML file to a PDF file. */
export type PdfPrinter = (htmlFile: string, pdfFile: string) => Promise<void>

/** References (one record per article) through the citations work's writers. */
const references =
  (write: (items: CslItem[]) => string) =>
  (ctx: ExportContext): ArticleWriter => {
    const items: CslItem[] = []
    return {
      async article(a) {
        const item = shownItem(ctx.db, a)
        if (item) items.push(item)
      },
      finish: () => writeFile(ctx.tempOut, write(items)),
    }
  }

export const WRITERS: {
  [F in ExportFormat]: (ctx: ExportContext) => ArticleWriter | Promise<ArticleWriter>
} = {
  markdown: markdownWriter,
  html: htmlWriter,
  epub: epubWriter,
  'csl-json': references(toCslJson),
  ris: references(toRis),
  bibtex: references(toBibtex),
  pdf: async (ctx) => {
    // Before any work: without a browser there is nothing to print with.
    const browser = ctx.chromium === undefined ? findChromium() : ctx.chromium
    const print = ctx.pdf ?? (browser ? chromiumPrinter(browser) : null)
    if (!print) throw new LecternError('pdf-needs-chromium', CHROMIUM_HELP)
    const work = workDirOf(ctx.tempOut)
    await mkdir(work, { recursive: true })
    const htmlFile = join(work, 'print.html')
    const html = await htmlWriter({ ...ctx, tempOut: htmlFile })
    return {
      article: (a, i) => html.article(a, i),
      async finish() {
        await html.finish()
        await print(htmlFile, ctx.tempOut)
      },
    }
  },
}
