import { stemmer } from 'stemmer'
import { isCjk, isPhraseBreak, isTokenChar } from './cjk'
import type { ParsedQuery } from './query'

// Which words of a text a query matches, the way the index matches them: the same tokens as
// FTS5's unicode61 (runs of letters and digits, each CJK character alone) and the same Porter
// stemmer as its `porter` tokenizer, so a word the index found is always marked. The server cuts
// snippets with it and the reader marks the open article with it.
//
// Folding (case, width, diacritics, Traditional → Simplified) is passed in: the server folds
// with text/normalize.ts, as the index does; the renderer, which does not load the Chinese
// dictionary, with `readerFold` below.

/** Folded text, and for each of its UTF-16 units the index in the original it came from;
 * `map[text.length]` is the original's length, so end offsets map back too. */
export interface Folded {
  text: string
  map: ArrayLike<number>
}
export type Fold = (s: string) => Folded

export interface TextRange {
  start: number
  end: number
}

/** A match, and the query group (`a OR b` is one group) whose term matched. */
export interface Hit extends TextRange {
  group: number
}

/** unicode61 on folded text: runs of letters/digits, each CJK character on its own. Token k spans
 * [start[k], end[k]); cp[k] is its code point when it is a CJK character, else -1; broken[k] is 1
 * when a phrase cannot run from token k - 1 into it (toIndexText's break token). Typed arrays,
 * not an object per token: a snippet tokenizes thousands of characters, 50 snippets a page. */
interface Tokens {
  n: number
  start: Int32Array
  end: Int32Array
  cp: Int32Array
  broken: Uint8Array
}

function tokenize(folded: string): Tokens {
  const len = folded.length
  const t: Tokens = {
    n: 0,
    start: new Int32Array(len),
    end: new Int32Array(len),
    cp: new Int32Array(len),
    broken: new Uint8Array(len),
  }
  let runStart = -1
  let pendingBreak = false
  const push = (start: number, end: number, cp: number) => {
    const k = t.n++
    // a break counts only next to a CJK token (either side)
    t.broken[k] = pendingBreak && k > 0 && (cp >= 0 || t.cp[k - 1]! >= 0) ? 1 : 0
    t.start[k] = start
    t.end[k] = end
    t.cp[k] = cp
    pendingBreak = false
  }
  for (let i = 0; i < len;) {
    const cp = folded.codePointAt(i)!
    const w = cp > 0xffff ? 2 : 1
    if (isCjk(cp)) {
      if (runStart >= 0) push(runStart, i, -1)
      runStart = -1
      push(i, i + w, cp)
    } else if (isTokenChar(cp)) {
      if (runStart < 0) runStart = i
    } else {
      if (runStart >= 0) push(runStart, i, -1)
      runStart = -1
      if (cp <= 0xffff && isPhraseBreak(cp)) pendingBreak = true
    }
    i += w
  }
  if (runStart >= 0) push(runStart, len, -1)
  return t
}

const stems = new Map<string, string>()
const ASCII = /^\p{ASCII}*$/u
// consonants no Porter rule mentions, distinct so two never look like a doubled letter
const BYTES = ['h', 'hj', 'hjk', 'hjkp']

/**
 * A folded token as FTS5's porter tokenizer stores it, by the `stemmer` package (the same
 * Porter algorithm). FTS5 works on UTF-8 bytes: it leaves tokens under 3 or over 64 bytes alone,
 * and counts each byte of a non-ASCII letter as a consonant (straße → straß). So a non-ASCII
 * letter goes to the stemmer as that many placeholder consonants and is put back afterwards.
 * search/stem.test.ts compares the two on the news corpus.
 */
export function porterStem(token: string): string {
  let s = stems.get(token)
  if (s !== undefined) return s
  s = ASCII.test(token) ? stemAscii(token) : stemWide(token)
  // words repeat across articles; the bound only keeps a long session's memory flat
  if (stems.size > 50_000) stems.clear()
  stems.set(token, s)
  return s
}

function stemAscii(word: string): string {
  return word.length < 3 || word.length > 64 ? word : stemmer(word)
}

function stemWide(token: string): string {
  const chars = Array.from(token)
  const wide = chars.map((ch) => {
    const cp = ch.codePointAt(0)!
    return cp < 0x80 ? ch : BYTES[cp < 0x800 ? 1 : cp < 0x10000 ? 2 : 3]!
  })
  const stand = wide.join('')
  const stem = stemAscii(stand)
  // Porter only rewrites the end: keep the letters the stem still starts with, then its tail
  let kept = 0
  let at = 0
  for (let i = 0; i < chars.length; i++) {
    const next = at + wide[i]!.length
    if (next > stem.length || stem.slice(at, next) !== wide[i]) break
    kept = i + 1
    at = next
  }
  return chars.slice(0, kept).join('') + stem.slice(at)
}

interface Needle {
  /** Per token: the stem of a word, or '' for a CJK character (matched by cp). */
  stems: string[]
  /** Per token: the CJK character's code point, or -1 for a word. */
  cp: number[]
  broken: boolean[]
  prefix: boolean
  group: number
}

function needle(text: string, prefix: boolean, group: number, fold: Fold): Needle | null {
  const folded = fold(text).text
  const t = tokenize(folded)
  if (t.n === 0) return null
  const stems: string[] = []
  const cp: number[] = []
  const broken: boolean[] = []
  for (let k = 0; k < t.n; k++) {
    const c = t.cp[k]!
    stems.push(c >= 0 ? '' : porterStem(folded.slice(t.start[k], t.end[k])))
    cp.push(c)
    broken.push(t.broken[k] === 1)
  }
  return { stems, cp, broken, prefix, group }
}

export interface MatchOptions {
  /** Mark `title:` terms too (the reader does; a snippet of the body does not). */
  titles?: boolean
  /** More words to mark, each as a phrase: the article's own spellings a snippet marked. */
  words?: string[]
}

/** Finds where a text's words match the query's positive terms (not the excluded ones). */
export function queryMatcher(q: ParsedQuery, fold: Fold, opts: MatchOptions = {}) {
  const needles: Needle[] = []
  q.groups.forEach((group, g) => {
    for (const term of group) {
      if (term.field === 'title' && !opts.titles) continue
      const n = needle(term.text, term.prefix, g, fold)
      if (n !== null) needles.push(n)
    }
  })
  for (const w of opts.words ?? []) {
    const n = needle(w, false, q.groups.length, fold)
    if (n !== null) needles.push(n)
  }
  return {
    get empty() {
      return needles.length === 0
    },
    /** Every match in `text`'s own UTF-16 indices, by start (longest first at one start). */
    hits(text: string): Hit[] {
      return findHits(text, needles, fold)
    },
    /** The matches merged: sorted, non-overlapping. */
    ranges(text: string): TextRange[] {
      return mergeRanges(findHits(text, needles, fold))
    },
  }
}

function findHits(text: string, needles: Needle[], fold: Fold): Hit[] {
  if (needles.length === 0 || text === '') return []
  const { text: folded, map } = fold(text)
  const doc = tokenize(folded)
  // a word's stem is worked out once, and only where a needle's word is compared with it
  const docStems: (string | undefined)[] = []
  const stemAt = (k: number) => (docStems[k] ??= porterStem(folded.slice(doc.start[k], doc.end[k])))
  const hits: Hit[] = []
  for (let i = 0; i < doc.n; i++) {
    for (const n of needles) {
      const m = n.stems.length
      if (i + m > doc.n) continue
      let ok = true
      for (let j = 0; j < m && ok; j++) {
        const k = i + j
        // a phrase crosses a break only where the query has one too (时，公 finds 时，公)
        if (j > 0 && (doc.broken[k] === 1) !== n.broken[j]) ok = false
        else if (n.cp[j]! >= 0 || doc.cp[k]! >= 0) ok = n.cp[j] === doc.cp[k]
        // FTS5 stems the prefix too, then compares it with the stored stems: elections* finds
        // electricity (elect…), generali* does not find generalization (gener)
        else if (n.prefix && j === m - 1) ok = stemAt(k).startsWith(n.stems[j]!)
        else ok = stemAt(k) === n.stems[j]
      }
      if (!ok) continue
      const a = doc.start[i]!
      const b = doc.end[i + m - 1]!
      // ﬁ folds to fi: if the match ends inside one original character, take all of it
      let e = b
      while (e < folded.length && map[e] === map[b - 1]) e++
      hits.push({ start: map[a]!, end: map[e]!, group: n.group })
    }
  }
  return hits.sort((x, y) => x.start - y.start || y.end - x.end)
}

export function mergeRanges(hits: TextRange[]): TextRange[] {
  const out: TextRange[] = []
  for (const h of hits) {
    const last = out[out.length - 1]
    if (last !== undefined && h.start < last.end) last.end = Math.max(last.end, h.end)
    else out.push({ start: h.start, end: h.end })
  }
  return out
}

const MARKS = /\p{M}/u
const ZERO_WIDTH = /^[\u200b-\u200d\u2060\ufeff]$/

// As text/normalize.ts: only Latin-style combining accents go (Japanese, Indic and Thai marks
// are parts of letters); soft hyphens split no word; variation selectors change a glyph only.
function dropped(cp: number): boolean {
  return (
    (cp >= 0x300 && cp <= 0x36f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    cp === 0xad ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  )
}

function foldChunk(chunk: string): string {
  if (ZERO_WIDTH.test(chunk)) return ' '
  let bare = ''
  for (const ch of chunk.normalize('NFKC').toLowerCase().normalize('NFD')) {
    if (!dropped(ch.codePointAt(0)!)) bare += ch
  }
  return bare.normalize('NFC')
}

/**
 * The renderer's fold: text/normalize.ts's per-character NFKC, lowercase and Latin diacritics,
 * without Traditional → Simplified (its dictionary stays in the main process; the snippet's
 * marks bring the article's own spellings to the reader instead).
 */
export function readerFold(s: string): Folded {
  let text = ''
  const map: number[] = []
  let i = 0
  while (i < s.length) {
    let end = i + (s.codePointAt(i)! > 0xffff ? 2 : 1)
    while (end < s.length && MARKS.test(String.fromCodePoint(s.codePointAt(end)!))) {
      end += s.codePointAt(end)! > 0xffff ? 2 : 1
    }
    const chunk = s.slice(i, end)
    const out = foldChunk(chunk)
    text += out
    for (let k = 0; k < out.length; k++) map.push(i)
    i = end
  }
  map.push(s.length)
  return { text, map }
}
