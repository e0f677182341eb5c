// Article Markdown → safe HTML. Articles come from arbitrary folders, so everything marked
// produces goes through DOMPurify with the settings in shared/sanitize.ts (the exports use them
// too), and every picture the archive does not hold is replaced by a placeholder (fetching it
// would tell its host that you read this article).
import { Marked } from 'marked'
import createDOMPurify, { type DOMPurify } from 'dompurify'
import {
  hostOf,
  isDataImage,
  isWebImage,
  storedImageSrc,
  type MediaTransport,
} from './markdown-images'
import { MARKED_OPTIONS, SAFE_LINK, purifyConfig } from '../../src-main/shared/sanitize'

export interface RenderOptions {
  /** The article's stored pictures (`Article.images`): source as written → `/media/<name>`. */
  images?: Record<string, string> | undefined
  /** How this window loads stored pictures (default: over HTTP, as `lectern serve` does). */
  media?: MediaTransport
}

export interface RenderedArticle {
  html: string
  /** Pictures replaced by placeholders (not in the archive). */
  blockedImages: number
  /** Pictures shown from the archive. */
  storedImages: number
  /** Of the placeholders, the pictures on the web, which the archive could download. */
  webImages: number
  /** Their hosts, each once, in order of appearance. */
  webHosts: string[]
}

const marked = new Marked(MARKED_OPTIONS)
// code-block languages from marked, and our own placeholder; any other class could dress
// article text up as app UI
const KEEP_CLASS = /^(language-[\w+-]+|img-placeholder)$/

interface Pass {
  images: Record<string, string> | undefined
  media: MediaTransport
  blocked: number
  stored: number
  web: number
  hosts: Set<string>
}

let purifier: DOMPurify | null = null
let current: Pass = newPass({})

function newPass(opts: RenderOptions): Pass {
  return {
    images: opts.images,
    media: opts.media ?? 'http',
    blocked: 0,
    stored: 0,
    web: 0,
    hosts: new Set(),
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

function getPurifier(): DOMPurify {
  if (purifier) return purifier
  const win = (globalThis as { window?: Window }).window
  if (!win) throw new Error('renderArticle needs a DOM (window)')
  const p = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0])
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    const cls = el.getAttribute('class')
    if (cls !== null && !KEEP_CLASS.test(cls)) el.removeAttribute('class')
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') ?? ''
      if (!SAFE_LINK.test(href.trim())) el.removeAttribute('href')
      else if (/^https?:/i.test(href.trim())) {
        el.setAttribute('target', '_blank')
        el.setAttribute('rel', 'noopener noreferrer')
      }
    }
    if (el.tagName === 'IMG') {
      const src = (el.getAttribute('src') ?? '').trim()
      el.removeAttribute('srcset')
      // set after DOMPurify checked the attributes: only a well-formed media address gets here
      const stored = storedImageSrc(src, current.images, current.media)
      if (stored) {
        el.setAttribute('src', stored)
        current.stored++
        return
      }
      if (isDataImage(src)) return
      current.blocked++
      if (isWebImage(src)) {
        current.web++
        const host = hostOf(src)
        if (host) current.hosts.add(host)
      }
      const alt = el.getAttribute('alt') ?? ''
      const ph = el.ownerDocument.createElement('span')
      ph.className = 'img-placeholder'
      ph.setAttribute('role', 'img')
      ph.setAttribute('aria-label', alt || 'image')
      ph.setAttribute('title', src)
      ph.textContent = alt || hostOf(src) || 'image'
      el.replaceWith(ph)
    }
  })
  purifier = p
  return p
}

const CONFIG = purifyConfig()

export function renderArticleDetailed(markdown: string, opts: RenderOptions = {}): RenderedArticle {
  const p = getPurifier()
  let raw: string
  try {
    raw = marked.parse(markdown ?? '') as string
  } catch {
    raw = `<pre>${escapeHtml(markdown ?? '')}</pre>`
  }
  current = newPass(opts)
  const html = p.sanitize(raw, CONFIG) as unknown as string
  return {
    html,
    blockedImages: current.blocked,
    storedImages: current.stored,
    webImages: current.web,
    webHosts: [...current.hosts],
  }
}

export function renderArticle(markdown: string, opts: RenderOptions = {}): string {
  return renderArticleDetailed(markdown, opts).html
}
