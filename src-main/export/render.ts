// Article Markdown → sanitised HTML for files that leave Lectern (HTML, EPUB, PDF). The reader's
// settings (shared/sanitize.ts), so an export shows what the reader shows; the reader's module
// needs the page's DOM, so here DOMPurify runs over a jsdom window.
// Pictures are swapped by the caller: stored ones for a data: URL or a file in the book, the rest
// for their alt text, so the file never loads anything from the pictures' hosts.
import type { JSDOM } from 'jsdom'
import { Marked } from 'marked'
import type { DOMPurify } from 'dompurify'
import { imageKey } from '../shared/images'
import { MARKED_OPTIONS, SAFE_LINK, purifyConfig } from '../shared/sanitize'
import { lazyPackage } from '../lazy-package'

const createDOMPurify = lazyPackage<typeof import('dompurify').default>('dompurify')
const jsdom = lazyPackage<typeof import('jsdom')>('jsdom')

const marked = new Marked(MARKED_OPTIONS)
const base = purifyConfig()
const CONFIG = {
  ...base,
  // the reader keeps a few classes of its own (code languages); an export keeps none
  FORBID_ATTR: [...base.FORBID_ATTR, 'class'],
  RETURN_DOM_FRAGMENT: true as const,
}

/** What a picture becomes: a new address, or null to show its alt text instead. */
export type PictureSwap = (key: string) => string | null

let shared: { window: JSDOM['window']; purify: DOMPurify } | null = null
let swap: PictureSwap = () => null

function purifier() {
  if (shared) return shared
  // jsdom takes a second to load: required on the first export, not when `lectern serve` or the
  // app starts (it was a third of the time to their first search answer).
  const { window } = new (jsdom().JSDOM)('<!doctype html><html><body></body></html>')
  const purify = createDOMPurify()(
    window as unknown as Parameters<ReturnType<typeof createDOMPurify>>[0],
  )
  purify.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element
    if (el.tagName === 'A') {
      const href = (el.getAttribute('href') ?? '').trim()
      if (!SAFE_LINK.test(href)) el.removeAttribute('href')
    }
    if (el.tagName === 'IMG') {
      const src = (el.getAttribute('src') ?? '').trim()
      const to = /^data:image\//i.test(src) ? src : swap(imageKey(src))
      if (to) {
        el.setAttribute('src', to)
        if (!el.hasAttribute('alt')) el.setAttribute('alt', '')
        return
      }
      const alt = el.getAttribute('alt') || src
      const span = el.ownerDocument.createElement('span')
      span.setAttribute('title', src)
      span.textContent = `[${alt}]`
      el.replaceWith(span)
    }
  })
  shared = { window, purify }
  return shared
}

function parse(markdown: string): string {
  try {
    return marked.parse(markdown) as string
  } catch {
    const esc = markdown.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)
    return `<pre>${esc}</pre>`
  }
}

function fragment(markdown: string, pictures: PictureSwap): DocumentFragment {
  const { purify } = purifier()
  swap = pictures
  try {
    return purify.sanitize(parse(markdown), CONFIG) as unknown as DocumentFragment
  } finally {
    swap = () => null
  }
}

/** HTML text for an HTML page. */
export function renderHtml(markdown: string, pictures: PictureSwap): string {
  const frag = fragment(markdown, pictures)
  const { window } = purifier()
  const div = window.document.createElement('div')
  div.append(frag)
  return div.innerHTML
}

/** Well-formed XHTML for an EPUB chapter (closed tags, escaped text). */
export function renderXhtml(markdown: string, pictures: PictureSwap): string {
  const frag = fragment(markdown, pictures)
  // EPUB's XHTML has no `align` (marked writes it on table cells): the same as a style.
  for (const el of frag.querySelectorAll('[align]')) {
    const align = el.getAttribute('align')!.toLowerCase()
    el.removeAttribute('align')
    if (/^(left|right|center|justify)$/.test(align))
      el.setAttribute('style', `text-align: ${align}`)
  }
  const { window } = purifier()
  const doc = window.document.implementation.createDocument('http://www.w3.org/1999/xhtml', 'div')
  const root = doc.documentElement!
  root.append(doc.importNode(frag, true))
  const xml = new window.XMLSerializer().serializeToString(root)
  // The wrapper's own tags go; the chapter template supplies the document around the content.
  return xml.replace(/^<div[^>]*>/, '').replace(/<\/div>$|^<div[^>]*\/>$/, '')
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}
