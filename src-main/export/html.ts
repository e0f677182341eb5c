// One self-contained HTML file: styles inline, stored pictures as data: URLs, no script. Its
// Content-Security-Policy forbids every request, so even a picture address that got past the
// swap below (or a CSS url()) cannot reach a host when the file is opened.
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { once } from 'node:events'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { Article } from '../shared/types'
import { citationForExport } from './citation'
import { workDirOf, type ArticleWriter, type ExportContext } from './job'
import { dataUrlOf, picturesOf } from './pictures'
import { escapeHtml, renderHtml } from './render'
import { EXPORT_CSS } from './styles'

export const HTML_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

export function articleHeader(a: Article): string {
  const meta = [a.author, a.sourceName, a.date?.slice(0, 10)].filter(Boolean).map(String)
  return `<h1>${escapeHtml(a.title)}</h1>${
    meta.length ? `<p class="meta">${meta.map(escapeHtml).join(' · ')}</p>` : ''
  }`
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain')
}

export async function htmlWriter(ctx: ExportContext): Promise<ArticleWriter> {
  const work = workDirOf(ctx.tempOut)
  await mkdir(work, { recursive: true })
  // The table of contents comes first but is known last: articles go to a scratch file, then
  // the page is the head, the contents and that file.
  const bodyFile = join(work, 'articles.html')
  const body = createWriteStream(bodyFile)
  const toc: string[] = []
  const langs = new Set<string>()
  return {
    async article(a, index) {
      const urls = new Map<string, string>()
      for (const p of picturesOf(ctx.db, a)) {
        if (!p.stored) {
          ctx.missingPicture()
          continue
        }
        urls.set(p.src.trim(), await dataUrlOf(p.stored))
        ctx.picture()
      }
      const html = renderHtml(a.markdown, (key) => {
        for (const [src, url] of urls) if (src === key || decodeSafe(src) === key) return url
        return null
      })
      const anchor = `a${index + 1}`
      if (a.lang) langs.add(a.lang)
      toc.push(`<li><a href="#${anchor}">${escapeHtml(a.title)}</a></li>`)
      const lang = a.lang ? ` lang="${escapeHtml(a.lang)}"` : ''
      await write(
        body,
        `<article class="entry" id="${anchor}"${lang}>${articleHeader(a)}\n${html}\n${await citationForExport(ctx.db, a)}</article>\n`,
      )
    },
    async finish() {
      body.end()
      await once(body, 'close')
      const out = createWriteStream(ctx.tempOut)
      const lang = langs.size === 1 ? [...langs][0]! : 'und'
      await write(
        out,
        `<!doctype html>\n<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8">` +
          `<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1">` +
          `<meta name="generator" content="Lectern">` +
          `<title>${escapeHtml(ctx.title)}</title><style>${EXPORT_CSS}</style></head><body>\n` +
          `<header class="export"><h1>${escapeHtml(ctx.title)}</h1>` +
          `<p class="meta">${toc.length} · ${new Date().toISOString().slice(0, 10)}</p></header>\n` +
          `<nav class="toc"><ol>\n${toc.join('\n')}\n</ol></nav>\n`,
      )
      await pipeline(createReadStream(bodyFile), out, { end: false })
      out.end('</body></html>\n')
      await once(out, 'close')
    },
  }
}

function decodeSafe(s: string): string {
  try {
    return decodeURI(s)
  } catch {
    return s
  }
}
