import { isUtf8 } from 'node:buffer'
import { lazyPackage } from '../lazy-package'
import type { DecodeResult } from './types'
import type { ImportWarning } from '../shared/problems'

// loaded on the first file that is not UTF-8
const chardet = lazyPackage<typeof import('chardet')>('chardet')
const iconv = lazyPackage<typeof import('iconv-lite')>('iconv-lite')

const MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // ZIP, and so DOCX/EPUB/XLSX
  [0x50, 0x4b, 0x05, 0x06], // empty ZIP
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], // SQLite format
  [0xd0, 0xcf, 0x11, 0xe0], // old MS Office
  [0x49, 0x44, 0x33], // MP3 with ID3
  [0x4f, 0x67, 0x67, 0x53], // Ogg
]

const startsWith = (buf: Uint8Array, sig: readonly number[], at = 0): boolean =>
  buf.length >= at + sig.length && sig.every((b, i) => buf[at + i] === b)

function hasBinaryMagic(buf: Uint8Array): boolean {
  if (MAGIC.some((sig) => startsWith(buf, sig))) return true
  // RIFF (WebP, WAV, AVI) and ISO media (MP4, HEIC) carry their tag a few bytes in.
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46])) return true
  return startsWith(buf, [0x66, 0x74, 0x79, 0x70], 4)
}

/** Encodings worth trying when the bytes are not UTF-8; chardet names mapped to iconv-lite's. */
const LEGACY: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'KOI8-R': 'koi8-r',
  // Files labelled Latin-1 are nearly always really windows-1252 (curly quotes, dashes).
  'ISO-8859-1': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
}

const DISPLAY: Record<string, string> = { big5: 'Big5', shift_jis: 'Shift_JIS' }
const displayName = (enc: string): string =>
  DISPLAY[enc] ?? (enc.startsWith('windows-') ? `W${enc.slice(1)}` : enc.toUpperCase())

// The name is not needed yet: content decides, because archives mislabel extensions freely.
export function decodeFile(buf: Uint8Array, _name: string): DecodeResult {
  if (buf.length === 0) return { kind: 'skip', reason: { code: 'empty-file' } }

  const decoded = decodeBytes(buf)
  if (decoded === 'binary') return { kind: 'skip', reason: { code: 'binary-file' } }

  const text = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  if (text.trim() === '') return { kind: 'skip', reason: { code: 'empty-file' } }
  if (looksBinary(text)) return { kind: 'skip', reason: { code: 'binary-file' } }
  return { kind: 'text', text, encoding: decoded.encoding, warnings: decoded.warnings }
}

interface Decoded {
  text: string
  encoding: string
  warnings: ImportWarning[]
}

function decodeBytes(buf: Uint8Array): Decoded | 'binary' {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return utf8(buf.subarray(3))
  // UTF-32 LE's BOM begins with UTF-16 LE's, so it has to be tested first.
  if (startsWith(buf, [0xff, 0xfe, 0x00, 0x00])) return legacy(buf.subarray(4), 'utf-32le')
  if (startsWith(buf, [0x00, 0x00, 0xfe, 0xff])) return legacy(buf.subarray(4), 'utf-32be')
  if (startsWith(buf, [0xff, 0xfe])) return legacy(buf.subarray(2), 'utf-16le')
  if (startsWith(buf, [0xfe, 0xff])) return legacy(buf.subarray(2), 'utf-16be')
  if (hasBinaryMagic(buf)) return 'binary'

  if (buf.includes(0)) {
    const utf16 = bomlessUtf16(buf)
    return utf16 ? legacy(buf, utf16) : 'binary'
  }
  return utf8(buf, true) ?? guessLegacy(buf)
}

const looseUtf8 = new TextDecoder('utf-8', { ignoreBOM: true })

function utf8(buf: Uint8Array): Decoded
function utf8(buf: Uint8Array, strict: true): Decoded | null
function utf8(buf: Uint8Array, strict = false): Decoded | null {
  // Checked, then decoded by Buffer: a third less time than a fatal TextDecoder on the import
  // bench's files (isUtf8 is a vectorised check; valid UTF-8 decodes the same either way)
  if (isUtf8(buf)) {
    const text = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8')
    return { text, encoding: 'utf-8', warnings: [] }
  }
  if (strict) return null
  // A BOM says UTF-8 outright, so a few bad bytes are damage rather than another encoding.
  const text = looseUtf8.decode(buf)
  return { text, encoding: 'utf-8', warnings: [{ code: 'invalid-utf8' }] }
}

function legacy(buf: Uint8Array, encoding: string): Decoded {
  const text = iconv().decode(buf, encoding, { stripBOM: true })
  return {
    text,
    encoding,
    warnings: [{ code: 'decoded-from', params: { encoding: displayName(encoding) } }],
  }
}

/** Plain-ASCII text saved as UTF-16 without a BOM has a NUL in every other byte. */
function bomlessUtf16(buf: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (buf.length % 2 !== 0 || buf.length < 4) return null
  let evenNul = 0
  let oddNul = 0
  for (let i = 0; i < buf.length; i += 2) {
    if (buf[i] === 0) evenNul++
    if (buf[i + 1] === 0) oddNul++
  }
  const pairs = buf.length / 2
  if (oddNul > pairs * 0.7 && evenNul === 0) return 'utf-16le'
  if (evenNul > pairs * 0.7 && oddNul === 0) return 'utf-16be'
  return null
}

function guessLegacy(buf: Uint8Array): Decoded {
  const mostlyUtf8 = mostlyValidUtf8(buf)
  if (mostlyUtf8) return mostlyUtf8

  const candidates = chardet()
    .analyse(buf)
    .map((m) => ({ encoding: LEGACY[m.name], confidence: m.confidence }))
    .filter((m): m is { encoding: string; confidence: number } => m.encoding !== undefined)
  const clean = (enc: string): boolean => !iconv().decode(buf, enc).includes('\uFFFD')

  const top = candidates[0]
  // chardet is reliable on a paragraph or more; on a title-sized text it guesses at random.
  const enough = buf.reduce((n, b) => (b >= 0x80 ? n + 1 : n), 0) >= 32
  if (enough && top && top.confidence >= 50 && clean(top.encoding)) return legacy(buf, top.encoding)

  const chinese = guessChinese(buf, clean)
  if (chinese) return legacy(buf, chinese)
  const fallback = candidates.find((c) => clean(c.encoding))
  return legacy(buf, fallback?.encoding ?? 'windows-1252')
}

/** A UTF-8 file with a stray bad byte (a truncated copy, say) should not become mojibake. */
function mostlyValidUtf8(buf: Uint8Array): Decoded | null {
  const text = looseUtf8.decode(buf)
  let bad = 0
  let good = 0
  for (const ch of text) {
    if (ch === '\uFFFD') bad++
    else if (ch.charCodeAt(0) > 0x7f) good++
  }
  if (good < 8 * bad || good < 20) return null
  return { text, encoding: 'utf-8', warnings: [{ code: 'invalid-utf8' }] }
}

/**
 * Both GBK and Big5 accept almost any pair of high bytes, so decode errors do not tell them
 * apart. Common simplified characters sit in GB2312 (lead 0xB0-0xF7, trail >= 0xA1); common
 * traditional ones sit in Big5 level 1 (lead 0xA4-0xC6, often with a trail below 0x7F).
 */
function guessChinese(buf: Uint8Array, clean: (enc: string) => boolean): string | null {
  let pairs = 0
  let gb = 0
  let big5 = 0
  for (let i = 0; i < buf.length - 1; i++) {
    const lead = buf[i] ?? 0
    if (lead < 0x81) continue
    const trail = buf[i + 1] ?? 0
    pairs++
    if (lead >= 0xa1 && lead <= 0xa9 && trail >= 0xa1) {
      gb++ // punctuation in both
      big5++
    } else {
      if (lead >= 0xb0 && lead <= 0xf7 && trail >= 0xa1) gb++
      if (lead >= 0xa4 && lead <= 0xc6) big5++
    }
    i++
  }
  // Stray accented letters in a Western text pair up too, but rarely into common characters.
  const gbOk = gb >= pairs * 0.8 && clean('gb18030')
  const big5Ok = big5 >= pairs * 0.8 && clean('big5')
  if (gbOk && (!big5Ok || gb >= big5)) return 'gb18030'
  return big5Ok ? 'big5' : null
}

// The characters looksBinary counts: a text without any (nearly every one) is let through by
// one regular expression (1.7 times as fast as the loop over the import bench's texts, measured
// alone)
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const COUNTED = /[\x00-\x08\x0b\x0d-\x1a\x1c-\x1f\x7f]/

/** Text with many control characters is a binary format that happened to decode. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192)
  if (!COUNTED.test(sample)) return false
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if (c === 0) return true
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x1b) || c === 0x7f) control++
  }
  return control > sample.length * 0.05
}
