import type { Token } from 'marked'
import { posix } from 'node:path'
import { lexMarkdown, walkMarkdown } from '../text/markdown'
import type { ImageRefusal } from '../shared/problems'

// Which pictures an article uses, and what each address means. Pure: the importer reads the
// local files and the fetcher downloads the remote ones.

/**
 * Image sources in the order they appear, each once: `![](…)` and raw `<img src="…">`. What counts
 * as an image (not inside code, reference-style too) is what the reader shows, since both lex
 * with the same settings. `tokens`: the article already lexed (the importer lexes once for this
 * and for the search index).
 */
export function imageSources(markdown: string, tokens?: Token[]): string[] {
  // Lexing costs ~0.1 ms an article; most articles have no picture at all.
  if (!markdown.includes('![') && !/<img/i.test(markdown)) return []
  const out = new Set<string>()
  walkMarkdown(tokens ?? lexMarkdown(markdown), (t) => {
    if (t.type === 'image') out.add(t.href)
    else if (t.type === 'html') for (const src of imgTags(t.text)) out.add(src)
  })
  out.delete('')
  return [...out]
}

/** The body's pictures, then the front matter's thumbnail when the body does not use it. */
export function articleImages(
  a: {
    markdown: string
    thumbnail: string | null
  },
  tokens?: Token[],
): { src: string; thumbnail: boolean }[] {
  const out = imageSources(a.markdown, tokens).map((src) => ({ src, thumbnail: false }))
  const thumb = a.thumbnail?.trim()
  if (thumb && !out.some((s) => s.src === thumb)) out.push({ src: thumb, thumbnail: true })
  return out
}

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi

function imgTags(html: string): string[] {
  const found: string[] = []
  for (const m of html.matchAll(IMG_SRC)) {
    found.push(decodeEntities((m[1] ?? m[2] ?? m[3] ?? '').trim()))
  }
  return found
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The entities that occur in attribute values in practice; the browser decodes the same way. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return NAMED[e.toLowerCase()] ?? all
  })
}

/** What an image address means for the archive. */
export type ImageSource =
  | { kind: 'remote'; url: string }
  /** A file under the imported folder, as a path relative to it (forward slashes). */
  | { kind: 'local'; rel: string }
  /** Inline `data:` pictures stay in the Markdown as they are. */
  | { kind: 'inline' }
  | { kind: 'refused'; reason: ImageRefusal }

export interface SourceContext {
  /** The article's folder relative to the imported folder (`''` at its top), forward slashes. */
  dir: string
  /** The article's source page: site-relative pictures (`/img/a.png`) belong to that site. */
  sourceUrl: string | null
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i

export function classifySource(src: string, ctx: SourceContext): ImageSource {
  const s = src.trim()
  const scheme = SCHEME.exec(s)?.[1]?.toLowerCase()
  if (scheme === 'data') return { kind: 'inline' }
  if (scheme === 'http' || scheme === 'https') return web(s)
  if (scheme === 'file') return { kind: 'refused', reason: { code: 'file-address' } }
  if (scheme && scheme.length === 1) return refused({ code: 'absolute-path' })
  if (scheme) return refused({ code: 'scheme', scheme })
  const site = webPage(ctx.sourceUrl)
  if (s.startsWith('//')) return web(`${site?.protocol ?? 'https:'}${s}`)
  if (s.startsWith('/') || s.startsWith('\\')) {
    return site ? web(new URL(s, site).href) : refused({ code: 'absolute-path' })
  }
  // A path beside the article, as any Markdown viewer reads it: no query or fragment, %-escapes
  // decoded, Windows separators accepted.
  let path = s.replace(/[?#].*$/, '').replace(/\\/g, '/')
  try {
    path = decodeURIComponent(path)
  } catch {
    // A stray % is part of the name.
  }
  if (path.includes('\0')) return refused({ code: 'invalid-path' })
  const rel = posix.normalize(posix.join(ctx.dir, path))
  if (rel === '..' || rel.startsWith('../') || rel === '.' || rel.endsWith('/')) {
    return refused({ code: 'outside-folder' })
  }
  return { kind: 'local', rel }
}

function refused(reason: ImageRefusal): ImageSource {
  return { kind: 'refused', reason }
}

function web(href: string): ImageSource {
  try {
    const u = new URL(href)
    if (!u.hostname) return refused({ code: 'no-host' })
    return { kind: 'remote', url: u.href }
  } catch {
    return refused({ code: 'invalid-address' })
  }
}

function webPage(url: string | null): URL | null {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null
  } catch {
    return null
  }
}
