import { MEDIA_TYPES, type MediaExt } from '../shared/images'

export interface Sniffed {
  ext: MediaExt
  mime: string
}

const ascii = (b: Uint8Array, at: number, text: string): boolean => {
  if (b.length < at + text.length) return false
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false
  return true
}
const u32be = (b: Uint8Array, at: number) =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>>
  0
const u32le = (b: Uint8Array, at: number) =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>>
  0

const as = (ext: MediaExt): Sniffed => ({ ext, mime: MEDIA_TYPES[ext] })

/**
 * What picture these bytes are, by their first bytes alone (a server's Content-Type is often
 * wrong: hotlink-protected hosts answer with an HTML page labelled image/jpeg). Null when they
 * are not a picture we keep.
 */
export function sniffImage(b: Uint8Array): Sniffed | null {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 'PNG\r\n\x1a\n')) return as('png')
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return as('jpg')
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return as('gif')
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return as('webp')
  if (isAvif(b)) return as('avif')
  // "BM" alone is two letters any text may start with; the DIB header size pins it down.
  if (ascii(b, 0, 'BM') && b.length >= 18 && BMP_HEADERS.has(u32le(b, 14))) return as('bmp')
  if (isIco(b)) return as('ico')
  if (isSvg(b)) return as('svg')
  return null
}

const BMP_HEADERS = new Set([12, 40, 52, 56, 64, 108, 124])

// ISO-BMFF: a `ftyp` box whose major or compatible brands name AVIF (HEIC shares the container
// but no browser shows it).
function isAvif(b: Uint8Array): boolean {
  if (!ascii(b, 4, 'ftyp')) return false
  const size = Math.min(u32be(b, 0), b.length)
  for (let at = 8; at + 4 <= size; at += at === 8 ? 8 : 4) {
    if (ascii(b, at, 'avif') || ascii(b, at, 'avis')) return true
  }
  return false
}

function isIco(b: Uint8Array): boolean {
  if (b.length < 22 || b[0] !== 0 || b[1] !== 0 || b[2] !== 1 || b[3] !== 0) return false
  const count = (b[4] ?? 0) | ((b[5] ?? 0) << 8)
  return count > 0 && b[9] === 0
}

// SVG is text, so it is recognised by its root element after the XML prolog: an HTML page that
// merely contains an <svg> is not one. Entity declarations are refused (expansion bombs).
function isSvg(b: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 4096))
  let s = head.replace(/^\uFEFF/, '')
  const prolog = /^\s*(<\?xml[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE\s+svg[^>[]*(\[[\s\S]*?\])?\s*>)/i
  for (let m = prolog.exec(s); m; m = prolog.exec(s)) {
    if (/<!ENTITY/i.test(m[0])) return false
    s = s.slice(m[0].length)
  }
  return /^\s*<svg[\s>/]/.test(s)
}
