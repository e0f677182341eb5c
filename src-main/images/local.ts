import { readFile, realpath, stat } from 'node:fs/promises'
import { join, posix, sep } from 'node:path'
import type { Token } from 'marked'
import type { ImageRefRecord, StoredMedia } from '../db/images'
import { articleImages, classifySource } from './refs'
import { sniffImage } from './sniff'
import { storeMedia } from './store'
import { DEFAULT_MAX_BYTES } from './limits'
import type { ImageFailure, ImageRefusal, ImportWarning } from '../shared/problems'

/** An article's pictures, read before the import transaction: local ones already in the store. */
export interface PreparedImages {
  refs: ImageRefRecord[]
  media: StoredMedia[]
  warnings: ImportWarning[]
}

export const NO_IMAGES: PreparedImages = { refs: [], media: [], warnings: [] }

export interface ImageSite {
  /** The imported folder, and the article's path relative to it. */
  root: string
  rel: string
  mediaDir: string
  maxBytes?: number
}

/**
 * Collects an article's pictures. Files beside it are copied into the media store; remote ones
 * are listed for a later fetch; anything pointing outside the imported folder is refused with a
 * warning; `data:` pictures stay in the Markdown.
 */
export async function prepareImages(
  article: { markdown: string; thumbnail: string | null; sourceUrl: string | null },
  site: ImageSite,
  tokens?: Token[],
): Promise<PreparedImages> {
  const sources = articleImages(article, tokens)
  if (sources.length === 0) return NO_IMAGES

  const out: PreparedImages = { refs: [], media: [], warnings: [] }
  const dir = posix.dirname(site.rel.split(sep).join('/'))
  const ctx = { dir: dir === '.' ? '' : dir, sourceUrl: article.sourceUrl }
  for (const { src, thumbnail } of sources) {
    const source = classifySource(src, ctx)
    if (source.kind === 'inline') continue
    if (source.kind === 'refused') {
      out.warnings.push({
        code: 'image-refused',
        params: { src: shorten(src), why: source.reason },
      })
      continue
    }
    const kind = thumbnail ? 'thumbnail' : source.kind
    if (source.kind === 'remote') {
      out.refs.push({ src, url: source.url, kind, status: 'missing', hash: null, error: null })
      continue
    }
    const abs = join(site.root, ...source.rel.split('/'))
    const r = await copyLocal(abs, site)
    if ('refused' in r) {
      out.warnings.push({ code: 'image-refused', params: { src: shorten(src), why: r.refused } })
    } else if ('error' in r) {
      out.warnings.push({ code: 'image-failed', params: { src: shorten(src), why: r.error } })
      out.refs.push({ src, url: abs, kind, status: 'failed', hash: null, error: r.error })
    } else {
      out.media.push(r.media)
      out.refs.push({ src, url: abs, kind, status: 'stored', hash: r.media.hash, error: null })
    }
  }
  return out
}

type Copied = { media: StoredMedia } | { error: ImageFailure } | { refused: ImageRefusal }

async function copyLocal(abs: string, site: ImageSite): Promise<Copied> {
  try {
    return await copyLocalOrThrow(abs, site)
  } catch (e) {
    const detail = (e as NodeJS.ErrnoException).code ?? (e as Error).message
    return { error: { code: 'copy-failed', params: { detail } } }
  }
}

async function copyLocalOrThrow(abs: string, site: ImageSite): Promise<Copied> {
  const maxBytes = site.maxBytes ?? DEFAULT_MAX_BYTES
  let real: string
  try {
    real = await realpath(abs)
  } catch {
    return { error: { code: 'file-missing' } }
  }
  // A link inside the folder may still lead out of it.
  const root = await realpath(site.root)
  if (real !== root && !real.startsWith(root.endsWith(sep) ? root : root + sep)) {
    return { refused: { code: 'outside-folder' } }
  }
  const st = await stat(real)
  if (!st.isFile()) return { error: { code: 'not-a-file' } }
  if (st.size > maxBytes) {
    return { error: { code: 'too-large', params: { limit: maxBytes, size: st.size } } }
  }
  const bytes = await readFile(real)
  const type = sniffImage(bytes)
  if (!type) return { error: { code: 'not-an-image', params: {} } }
  const hash = await storeMedia(site.mediaDir, bytes, type.ext)
  return { media: { hash, mime: type.mime, bytes: bytes.length } }
}

function shorten(s: string): string {
  return s.length > 120 ? `${s.slice(0, 117)}…` : s
}
