// Article Markdown → safe HTML. Articles come from arbitrary folders, so everything marked
// produces goes through DOMPurify with the HTML profile only (no SVG/MathML), no styles, no
// frames or forms, links limited to http(s)/mailto/#fragments, and remote images replaced by a
// placeholder unless the reader allowed them (they would leak that you read this article).
import { Marked } from 'marked'
import createDOMPurify, { type DOMPurify } from 'dompurify'

export interface RenderOptions {
  /** Keep remote `<img>` (the page's CSP still decides whether they load). */
  allowRemoteImages?: boolean
}

export interface RenderedArticle {
  html: string
  /** Remote images replaced by placeholders. */
  blockedImages: number
}

const marked = new Marked({ gfm: true, breaks: false, async: false })
const SAFE_LINK = /^(https?:|mailto:|#)/i
// code-block languages from marked, and our own placeholder; any other class could dress
// article text up as app UI
const KEEP_CLASS = /^(language-[\w+-]+|img-placeholder)$/
const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif);/i

let purifier: DOMPurify | null = null
let current = { allowRemote: false, blocked: 0 }

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
      if (DATA_IMAGE.test(src)) return
      if (current.allowRemote && /^https?:/i.test(src)) {
        el.setAttribute('referrerpolicy', 'no-referrer')
        el.setAttribute('loading', 'lazy')
        return
      }
      current.blocked++
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

function hostOf(src: string): string {
  try {
    return new URL(src).host
  } catch {
    return ''
  }
}

const CONFIG = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style',
    'iframe',
    'frame',
    'object',
    'embed',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'link',
    'meta',
    'base',
    'video',
    'audio',
    'source',
    'picture',
  ],
  FORBID_ATTR: ['style', 'id', 'srcset', 'action', 'formaction', 'ping', 'background', 'poster'],
  ALLOW_DATA_ATTR: false,
}

export function renderArticleDetailed(markdown: string, opts: RenderOptions = {}): RenderedArticle {
  const p = getPurifier()
  let raw: string
  try {
    raw = marked.parse(markdown ?? '') as string
  } catch {
    raw = `<pre>${escapeHtml(markdown ?? '')}</pre>`
  }
  current = { allowRemote: Boolean(opts.allowRemoteImages), blocked: 0 }
  const html = p.sanitize(raw, CONFIG) as unknown as string
  return { html, blockedImages: current.blocked }
}

export function renderArticle(markdown: string, opts: RenderOptions = {}): string {
  return renderArticleDetailed(markdown, opts).html
}
