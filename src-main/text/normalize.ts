import { configs } from 'opencc-js/preset/t2cn'
import { isCjk, isPhraseBreak, isTokenChar } from '../shared/cjk'
import { copyUnits, keptUnits } from './units'

// The indexer and the query side MUST fold text through these same functions: any difference
// (say the query is NFKC'd but the index is not) makes search silently miss documents.
//
// Folding is done per "chunk": one code point plus the combining marks that follow it. A chunk
// is folded on its own (NFKC, lowercase, strip diacritics, zero-width → space, Traditional →
// Simplified), which is what lets normalizeWithMap point every output unit back at the chunk it
// came from. normalizeText is the same loop without the map, so both always agree.

// isCjk lives in the contract because the query parser (shared/query.ts) needs it too
export { isCjk }

// Only Latin-style combining accents: Japanese (゙ U+3099), Indic and Thai marks are letters'
// parts, not decoration, and stripping them would change the word.
function isDiacritic(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f)
  )
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff
}

// Soft hyphens split no word. Variation selectors change a glyph, not the character: left in,
// 葛 + U+E0100 would stop matching 葛.
function isDropped(cp: number): boolean {
  return cp === 0xad || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)
}

const NON_ASCII = /[\u0080-\uffff]/

let tsBmp: Uint32Array | null = null
let tsAstral: Map<number, number> | null = null

// Reads opencc's character dictionary instead of running its converter: the converter segments
// phrases (乾隆 keeps 乾, 乾淨 → 干净), which would make the query side and the index side disagree
// on the same character depending on its neighbours.
function buildTraditionalToSimplified(): void {
  const pairs = new Map<number, number>()
  for (const group of configs.t2s?.conversionChain ?? []) {
    for (const dict of group) {
      const entries =
        typeof dict === 'string'
          ? dict.split('|').map((e) => e.split(' '))
          : dict.map((e) => [...e])
      for (const [from, to] of entries) {
        if (from === undefined || to === undefined) continue
        const f = from.codePointAt(0)
        const t = to.codePointAt(0)
        // phrase entries (several characters) are skipped: only 1:1 characters stay length-safe
        if (f === undefined || t === undefined || String.fromCodePoint(f) !== from) continue
        if (String.fromCodePoint(t) !== to || f === t) continue
        pairs.set(f, t)
      }
    }
  }
  tsBmp = new Uint32Array(0x10000)
  tsAstral = new Map()
  for (const [f, t0] of pairs) {
    // 薴 → 苧 → 苎: follow the chain so folding twice gives the same text as folding once
    let t = t0
    for (let hops = 0; pairs.has(t) && hops < 8; hops++) t = pairs.get(t)!
    if (f <= 0xffff) tsBmp[f] = t
    else tsAstral.set(f, t)
  }
}

function toSimplified(cp: number): number {
  if (tsBmp === null) buildTraditionalToSimplified()
  if (cp <= 0xffff) return tsBmp![cp] || cp
  return tsAstral!.get(cp) ?? cp
}

/** One chunk folded: what normalizeText makes of each (exported for its tests). */
export function foldChunk(chunk: string): string {
  const t = chunk.normalize('NFKC').toLowerCase()
  if (!NON_ASCII.test(t)) return t
  let bare = ''
  for (const ch of t.normalize('NFD')) if (!isDiacritic(ch.codePointAt(0)!)) bare += ch
  let out = ''
  for (const ch of bare.normalize('NFC')) {
    const cp = ch.codePointAt(0)!
    if (isZeroWidth(cp)) out += ' '
    else if (isDropped(cp)) continue
    // the text's own copy of the break token must not pose as a break (see toIndexText)
    else if (cp === BREAK_TOKEN_CP) out += '\ufffd'
    else if (cp < 0x3400) out += ch
    else out += String.fromCodePoint(toSimplified(cp))
  }
  return out
}

// Code units that belong to the chunk before them: combining marks, Hangul medial/final jamo
// (ᄀ+ᅡ composes to 가 only if folded together), and half-width dakuten (ｶﾞ → ガ).
let attachTable: Uint8Array | null = null
const MARK = /^\p{M}$/u

function attaches(unit: number): boolean {
  if (unit < 0x300) return false
  if (attachTable === null) {
    attachTable = new Uint8Array(0x10000)
    for (let u = 0x300; u < 0x10000; u++) {
      if (u >= 0xd800 && u <= 0xdfff) continue
      if (MARK.test(String.fromCharCode(u))) attachTable[u] = 1
    }
    attachTable.fill(1, 0x1160, 0x1200)
    attachTable[0xff9e] = attachTable[0xff9f] = 1
  }
  return attachTable[unit] === 1
}

function attachesAt(s: string, i: number): number {
  const u = s.charCodeAt(i)
  if (u >= 0xd800 && u <= 0xdbff) {
    const cp = s.codePointAt(i)!
    return cp > 0xffff && MARK.test(String.fromCodePoint(cp)) ? 2 : 0
  }
  return attaches(u) ? 1 : 0
}

// Single BMP code unit → folded text, filled lazily: most documents use a few thousand distinct
// characters, so this avoids ~65k normalize() calls up front and nearly all calls per document.
const bmpCache: (string | undefined)[] = new Array<string | undefined>(0x10000)
const astralCache = new Map<number, string>()
// Per BMP code unit, filled with bmpCache: KEPT when the unit folds to itself, is not a
// surrogate and attaches to nothing before it. A KEPT unit followed by another is copied as it
// is without looking further: most of an article, read in one table lookup a unit (the full path
// below cost 20 to 30 ns a character, a third of the importer's folding and indexing). 0 until
// the unit is first met.
const KEPT = 1
const FOLDED = 2
const keptUnit = new Uint8Array(0x10000)
// fold's copy of its input's UTF-16 units (reading them from an array costs half of what
// charCodeAt does, measured on Node 20)
const foldInput = keptUnits()

interface MapSink {
  map: Int32Array
}

function fold(s: string, sink: MapSink | null): string {
  let out = ''
  let n = 0 // output length so far, in UTF-16 units
  let runStart = 0 // start of the current stretch of input copied unchanged
  let map = sink?.map ?? null
  const emit = (i: number, end: number, r: string): void => {
    if (i > runStart) out += s.slice(runStart, i)
    if (map !== null) {
      const need = n + (i - runStart) + r.length + 1
      if (need > map.length) {
        const bigger = new Int32Array(Math.max(need, map.length * 2))
        bigger.set(map)
        map = bigger
      }
      for (let k = runStart; k < i; k++) map[n++] = k
      for (let k = 0; k < r.length; k++) map[n++] = i
    } else {
      n += i - runStart + r.length
    }
    out += r
    runStart = end
  }

  const unit = foldInput(s.length)
  const len = copyUnits(s, unit)
  let i = 0
  while (i < len) {
    const u = unit[i]!
    const known = keptUnit[u]!
    if (known === KEPT) {
      // a run of them; its last unit takes the full path unless the text ends there (a mark may
      // follow it)
      let j = i + 1
      while (j < len && keptUnit[unit[j]!] === KEPT) j++
      if (j === len || j > i + 1) {
        i = j === len ? len : j - 1
        continue
      }
    } else if (known === FOLDED && (i + 1 === len || keptUnit[unit[i + 1]!] === KEPT)) {
      // alone (nothing attaches to it): its folded form, met before (a full-width comma)
      const c = bmpCache[u]!
      if (c.length !== 1 || c.charCodeAt(0) !== u) emit(i, i + 1, c)
      i++
      continue
    }
    let end = i + 1
    let astral = false
    if (u >= 0xd800 && u <= 0xdbff && end < len) {
      const lo = unit[end]!
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        end++
        astral = true
      }
    }
    let marks = false
    while (end < len) {
      const k = attachesAt(s, end)
      if (k === 0) break
      end += k
      marks = true
    }

    let r: string
    if (marks) {
      r = foldChunk(s.slice(i, end))
    } else if (astral) {
      const cp = s.codePointAt(i)!
      r = astralCache.get(cp) ?? foldChunk(s.slice(i, end))
      astralCache.set(cp, r)
    } else if (u >= 0xd800 && u <= 0xdfff) {
      // a lone surrogate: keep it, so lengths and the map stay honest for broken input
      i = end
      continue
    } else {
      let c = bmpCache[u]
      if (c === undefined) {
        c = bmpCache[u] = foldChunk(String.fromCharCode(u))
        keptUnit[u] = c.length === 1 && c.charCodeAt(0) === u && !attaches(u) ? KEPT : FOLDED
      }
      if (c.length === 1 && c.charCodeAt(0) === u) {
        i = end
        continue
      }
      r = c
    }
    emit(i, end, r)
    i = end
  }
  if (runStart === 0 && map === null) return s
  emit(len, len, '')
  if (sink !== null && map !== null) {
    map[n] = len
    sink.map = map.length === n + 1 ? map : map.slice(0, n + 1)
  }
  return out
}

/** NFKC, lowercase, Latin diacritics removed, zero-width → space, Traditional → Simplified. */
export function normalizeText(s: string): string {
  return fold(s, null)
}

/**
 * normalizeText plus, for each UTF-16 index of the folded text, the index in `s` of the
 * character it came from. `map` has one extra entry, `map[text.length] === s.length`, so an end
 * offset maps back too: the original span of folded `[a, b)` is `[map[a], map[b])`, except when
 * b splits one original character into several (ﬁ → fi), where map[b] equals map[b - 1].
 */
export function normalizeWithMap(s: string): { text: string; map: Int32Array } {
  const sink: MapSink = { map: new Int32Array(s.length + 1) }
  const text = fold(s, sink)
  return { text, map: sink.map }
}

// What toIndexText puts between two tokens a phrase must not join: a private-use character,
// which unicode61 makes a token of its own (category Co), so the phrase `"时 公"` cannot match
// `时 <break> 公`.
// One short token keeps the index small; the same character in an article is folded away above.
const BREAK_TOKEN_CP = 0xf8fd

let whitespace: Uint8Array | null = null
function whitespaceTable(): Uint8Array {
  if (whitespace === null) {
    whitespace = new Uint8Array(0x10000)
    for (let u = 0; u < 0x10000; u++) if (/\s/.test(String.fromCharCode(u))) whitespace[u] = 1
  }
  return whitespace
}

// What toIndexText does with each BMP code unit, in one lookup (it runs over every article).
const OTHER = 0
const SPACE = 1
const BREAK = 2
const HIGH = 3 // a high surrogate: look at the pair
const TOKEN = 4
const CJK = 5
let kindTable: Uint8Array | null = null
// Decodes the output buffer in one native call: String.fromCharCode.apply per 4096 units cost
// as much as the loop itself.
const utf16 = new TextDecoder('utf-16le')
// (a Uint16Array is in the machine's byte order: every platform Electron ships on is little-endian)
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

function buildKindTable(): Uint8Array {
  const space = whitespaceTable()
  const k = new Uint8Array(0x10000)
  for (let u = 0; u < 0x10000; u++) {
    if (isPhraseBreak(u)) k[u] = BREAK
    else if (space[u] === 1) k[u] = SPACE
    else if (u >= 0xd800 && u <= 0xdbff) k[u] = HIGH
    else if (isCjk(u)) k[u] = CJK
    else if (isTokenChar(u)) k[u] = TOKEN
  }
  return (kindTable = k)
}

/**
 * What goes into the FTS5 table (and into every FTS5 query string): the folded text with each
 * CJK character as its own token and whitespace collapsed to single spaces, e.g. `阿里巴巴
 * launches AI` → `阿 里 巴 巴 launches ai`. unicode61 then makes single-character CJK tokens,
 * and a query phrase `"阿 里"` matches exactly the documents containing 阿里 as a substring.
 * Where a phrase must not join two tokens (isPhraseBreak) a break token stands between them:
 * `的时，公司` → `的 时 \uf8fd 公 司`; the query side goes through here too, so `时，公` still
 * finds itself, and a break at either end of a query is dropped (`《人民日报》` finds 人民日报).
 */
export function toIndexText(s: string): string {
  return indexTextOf(normalizeText(s))
}

// indexTextOf's input units and output, kept between calls (its text is decoded before it returns)
const indexInput = keptUnits()
const indexOutput = keptUnits()

/** toIndexText of text already folded by normalizeText (the importer folds each body once, for
 * the index and for story clusters). */
export function indexTextOf(t: string): string {
  // a hand loop: a regex replace per CJK character was several times slower on Chinese text
  const kind = kindTable ?? buildKindTable()
  const unit = indexInput(t.length)
  const len = copyUnits(t, unit)
  // room for what the loop writes: each unit, and before it a space, a break token and a space
  const out = indexOutput(t.length * 4 + 4)
  let n = 0
  let needSpace = false
  let pendingBreak = false
  let lastCjk = false // the last token character written was CJK
  let lone = false // a surrogate half was written without its other half
  for (let i = 0; i < len; i++) {
    const u = unit[i]!
    let k = kind[u]!
    if (k === BREAK) {
      // written as a space: unicode61 splits there anyway, and `u.s.` stays the tokens `u s`
      pendingBreak = true
      needSpace = n > 0
      continue
    }
    if (k === SPACE) {
      needSpace = n > 0
      continue
    }
    let astral = false
    if (k === HIGH) {
      const lo = i + 1 < len ? unit[i + 1]! : 0
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000
        k = isCjk(cp) ? CJK : isTokenChar(cp) ? TOKEN : OTHER
        astral = true
      } else k = OTHER
    }
    const cjk = k === CJK
    if (pendingBreak && k >= TOKEN) {
      if (n > 0 && (cjk || lastCjk)) {
        if (out[n - 1] !== 32) out[n++] = 32
        out[n++] = BREAK_TOKEN_CP
        out[n++] = 32
      }
      pendingBreak = false
    }
    if ((needSpace || cjk) && n > 0 && out[n - 1] !== 32) out[n++] = 32
    out[n++] = u
    if (astral) out[n++] = unit[++i]!
    else if ((u & 0xf800) === 0xd800) lone = true
    needSpace = cjk
    if (k >= TOKEN) lastCjk = cjk
  }
  if (LITTLE_ENDIAN) {
    // Buffer's decoding copies the units as they are, four times faster than TextDecoder, which
    // also turns a lone surrogate half into U+FFFD: for the rare text with one, it still decodes
    return lone
      ? utf16.decode(out.subarray(0, n))
      : Buffer.from(out.buffer, out.byteOffset, n * 2).toString('utf16le')
  }
  let r = ''
  for (let k = 0; k < n; k += 4096) {
    r += String.fromCharCode.apply(
      null,
      out.subarray(k, Math.min(n, k + 4096)) as unknown as number[],
    )
  }
  return r
}
