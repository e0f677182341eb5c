import type { MarkedToken, Token, Tokens } from 'marked'
import { lexMarkdown } from './markdown'

// The readable text of a Markdown article: what search indexes and what snippets quote, so a
// match found by the index is always there to mark. Built from marked's tokens (regexes over
// Markdown went wrong: a `<script>` in inline code hid the text up to a later `</script>`).
// Text, code and picture captions (alt, title) are words; link targets, image URLs, HTML tags,
// comments and what real <script>/<style> elements hold are not: indexing them would make
// `https` or `gtimg` match every article.
//
// Blocks (paragraphs, headings, list items, table cells, <p>, <br>) are separated by '\n' and
// nothing else is: the index treats '\n' as a paragraph break that a phrase does not cross.

// Inside the walk blocks are marked with U+2029 (which \s matches, so one pass collapses it with
// the whitespace around it); a '\n' in the source is only a soft line break.
const BREAK = '\u2029'

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g
// elements whose content a reader never sees as text
const RAW = new Set(['script', 'style', 'noscript', 'template'])
// tags that separate blocks when rendered; any other tag (b, a, span…) sits inside a word
const BLOCK_TAG =
  /^(br|p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|caption|h[1-6]|blockquote|hr|figure|figcaption|section|article|header|footer|pre)$/
const HTML_PART =
  /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<![^>]*>|<\?[^>]*>/g
const CAPTION_ATTR = /\s(alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi
const SOFT_BREAK = /^[^\n]*\n[^\n]*$/
const CJK_EDGE =
  /[\u3000-\u303f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/

function decodeEntity(m: string, body: string): string {
  if (body[0] === '#') {
    const hex = body[1] === 'x' || body[1] === 'X'
    const cp = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10)
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)
      ? String.fromCodePoint(cp)
      : m
  }
  return ENTITIES[body.toLowerCase()] ?? m
}

const decode = (s: string): string => (s.includes('&') ? s.replace(ENTITY, decodeEntity) : s)

interface Walk {
  out: string[]
  /** The raw element (script, style…) we are inside of, across tokens: its text is not words. */
  raw: string | null
}

function text(w: Walk, s: string): void {
  if (w.raw === null && s !== '') w.out.push(s)
}

function html(w: Walk, s: string): void {
  let at = 0
  for (const m of s.matchAll(HTML_PART)) {
    text(w, decode(s.slice(at, m.index)))
    at = m.index + m[0].length
    const name = m[2]?.toLowerCase()
    if (name === undefined) continue // comment, doctype, processing instruction
    const closing = m[1] === '/'
    if (w.raw !== null) {
      if (closing && name === w.raw) w.raw = null
      continue
    }
    const attrs = m[3] ?? ''
    if (RAW.has(name)) {
      if (!closing && !attrs.endsWith('/')) w.raw = name
    } else if (name === 'img') {
      for (const a of attrs.matchAll(CAPTION_ATTR)) {
        w.out.push(BREAK, decode(a[2] ?? a[3] ?? a[4] ?? ''), BREAK)
      }
    } else if (BLOCK_TAG.test(name)) {
      w.out.push(BREAK)
    }
  }
  text(w, decode(s.slice(at)))
}

function inline(w: Walk, tokens: Token[]): void {
  for (const token of tokens) {
    const t = token as MarkedToken
    switch (t.type) {
      case 'text':
        if (t.tokens !== undefined) inline(w, t.tokens)
        else text(w, decode(t.text))
        break
      case 'escape':
      case 'codespan':
        text(w, t.text)
        break
      case 'strong':
      case 'em':
      case 'del':
        inline(w, t.tokens)
        break
      case 'link':
        // a bare or <…> address is the link target itself
        if (!(t as Tokens.Link & { autolink?: boolean }).autolink) inline(w, t.tokens)
        break
      case 'image':
        // a caption is a line of its own: a phrase does not run from the text into it
        if (w.raw === null) w.out.push(BREAK, decode(t.text), BREAK, decode(t.title ?? ''), BREAK)
        break
      case 'br':
        w.out.push(BREAK)
        break
      case 'html':
        html(w, t.text)
        break
      default:
        // checkbox, and block tokens that cannot occur inline
        if ('tokens' in t && Array.isArray(t.tokens)) inline(w, t.tokens)
    }
  }
}

function blocks(w: Walk, tokens: Token[]): void {
  for (const token of tokens) {
    const t = token as MarkedToken
    switch (t.type) {
      case 'paragraph':
      case 'heading':
        inline(w, t.tokens)
        break
      case 'text':
        if (t.tokens !== undefined) inline(w, t.tokens)
        else text(w, decode(t.text))
        break
      case 'code':
        text(w, t.text)
        break
      case 'blockquote':
        blocks(w, t.tokens)
        break
      case 'list':
        for (const item of t.items) {
          blocks(w, item.tokens)
          w.out.push(BREAK)
        }
        break
      case 'table':
        for (const row of [t.header, ...t.rows]) {
          for (const cell of row) {
            inline(w, cell.tokens)
            w.out.push(BREAK)
          }
        }
        break
      case 'html':
        html(w, t.text)
        break
      case 'space':
      case 'hr':
      case 'def':
      case 'checkbox':
        break
      default:
        if ('tokens' in t && Array.isArray(t.tokens)) inline(w, t.tokens)
    }
    w.out.push(BREAK)
  }
}

/** The article's words from marked's tokens (see lexMarkdown), blocks separated by '\n'. */
export function plainTextOf(tokens: Token[]): string {
  const w: Walk = { out: [], raw: null }
  blocks(w, tokens)
  return (
    w.out
      .join('')
      // single spaces, most of English text, stay as they are without a call each
      .replace(/\s{2,}|[^\S ]/g, (ws: string, at: number, all: string) => {
        if (ws.includes(BREAK)) return '\n'
        // a soft line break inside Chinese text is not a space: 中文\n继续 reads 中文继续
        return SOFT_BREAK.test(ws) &&
          CJK_EDGE.test(all[at - 1] ?? '') &&
          CJK_EDGE.test(all[at + ws.length] ?? '')
          ? ''
          : ' '
      })
      .trim()
  )
}

/** The article's words: the readable text of Markdown `md`, blocks separated by '\n'. */
export function plainText(md: string): string {
  return plainTextOf(lexMarkdown(md))
}
