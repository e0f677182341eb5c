// The Markdown folder: one folder per article (`0001-title/index.md`, Hugo's page-bundle shape)
// so each article's pictures sit beside it at the paths its Markdown already uses.
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, posix } from 'node:path'
import { classifySource } from '../images/refs'
import type { Article } from '../shared/types'
import { annotationsForExport } from './annotations'
import { markdownFile, type LecternBlock } from './front-matter'
import type { ArticleWriter, ExportContext } from './job'
import { picturesOf } from './pictures'

/** A folder name from a title: no digits, so no folder name reads as a date to the importer. */
export function folderName(index: number, title: string): string {
  const slug = title
    .normalize('NFKC')
    .replace(/[\d\s\\/:*?"<>|#%&{}$!'@`=+^~,;[\]().]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
    .replace(/-$/, '')
  return `${String(index + 1).padStart(4, '0')}${slug ? `-${slug}` : ''}`
}

/** Replaces one picture address where the Markdown or its HTML writes it. */
function pointAt(body: string, from: string, to: string): string {
  return ['(', '(<', '"', "'", '='].reduce(
    (b, open) => b.split(`${open}${from}`).join(`${open}${to}`),
    body,
  )
}

export function markdownWriter(ctx: ExportContext): ArticleWriter {
  const files = new Map<string, Promise<void>>()
  return {
    async article(a: Article, index: number) {
      const folder = folderName(index, a.title)
      const rel = `${folder}/index.md`
      let body = a.markdown
      const block: LecternBlock = {}
      for (const p of picturesOf(ctx.db, a)) {
        if (!p.stored) {
          ctx.missingPicture()
          continue
        }
        const where = classifySource(p.src, { dir: '', sourceUrl: a.sourceUrl })
        // A picture the article keeps beside itself goes to the same relative path, so the body
        // stays exactly as imported; a web picture gets a file of its own and the body points
        // at it, the original address kept in `lectern.pictures`.
        const target =
          where.kind === 'local'
            ? where.rel
            : `images/${p.stored.hash.slice(0, 16)}.${p.stored.ext}`
        const abs = join(ctx.tempOut, folder, ...target.split('/'))
        if (!files.has(abs)) {
          files.set(
            abs,
            mkdir(dirname(abs), { recursive: true }).then(() => copyFile(p.stored!.file, abs)),
          )
        }
        await files.get(abs)
        ctx.picture()
        if (where.kind !== 'local' && !p.thumbnail) {
          body = pointAt(body, p.src, target)
          block.pictures = { ...block.pictures, [target]: p.src }
        } else if (where.kind !== 'local') {
          block.pictures = { ...block.pictures, [target]: p.src }
        }
      }
      const notes = annotationsForExport(ctx.db, a.id, ctx.owner)
      if (notes?.highlights.length) block.highlights = notes.highlights
      if (notes?.note) block.note = notes.note
      const file = markdownFile(a, posix.join(folder, 'index.md'), body, block)
      await mkdir(join(ctx.tempOut, folder), { recursive: true })
      await writeFile(join(ctx.tempOut, rel), file.text)
      ctx.note({ id: a.id, file: rel, added: file.added, inexact: file.inexact })
    },
    async finish() {},
  }
}
