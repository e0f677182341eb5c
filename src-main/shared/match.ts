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

interface Token {
  start: number
  end: number
  text: string
  cjk: boolean
  /** A phrase cannot run from the token before into this one (toIndexText's break token). */
  broken: boolean
}

/** unicode61 on folded text: runs of letters/digits, each CJK character on its own. */
function tokenize(folded: string): Token[] {
  const out: Token[] = []
  let runStart = -1
  let pendingBreak = false
  const push = (start: number, end: number, cjk: boolean) => {
    const prev = out[out.length - 1]
    const broken = pendingBreak && prev !== undefined && (cjk || prev.cjk)
    out.push({ start, end, text: folded.slice(start, end), cjk, broken })
    pendingBreak = false
  }
  const close = (at: number) => {
    if (runStart >= 0) push(runStart, at, false)
    runStart = -1
  }
  for (let i = 0; i < folded.length;) {
    const cp = folded.codePointAt(i)!
    const w = cp > 0xffff ? 2 : 1
    if (isCjk(cp)) {
      close(i)
      push(i, i + w, true)
    } else if (isTokenChar(cp)) {
      if (runStart < 0) runStart = i
    } else {
      close(i)
      if (cp <= 0xffff && isPhraseBreak(cp)) pendingBreak = true
    }
    i += w
  }
  close(folded.length)
  return out
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
  stems: string[]
  cjk: boolean[]
  broken: boolean[]
  prefix: boolean
  group: number
}

function needle(text: string, prefix: boolean, group: number, fold: Fold): Needle | null {
  const tokens = tokenize(fold(text).text)
  if (tokens.length === 0) return null
  return {
    stems: tokens.map((t) => (t.cjk ? t.text : porterStem(t.text))),
    cjk: tokens.map((t) => t.cjk),
    broken: tokens.map((t) => t.broken),
    prefix,
    group,
  }
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

function tokenMatches(doc: Token, docStem: () => string, n: Needle, j: number): boolean {
  if (n.cjk[j] || doc.cjk) return n.cjk[j] === doc.cjk && doc.text === n.stems[j]
  // FTS5 stems the prefix too, then compares it with the stored stems: elections* finds
  // electricity (elect…), generali* does not find generalization (gener)
  if (n.prefix && j === n.stems.length - 1) return docStem().startsWith(n.stems[j]!)
  return docStem() === n.stems[j]
}

function findHits(text: string, needles: Needle[], fold: Fold): Hit[] {
  if (needles.length === 0 || text === '') return []
  const { text: folded, map } = fold(text)
  const doc = tokenize(folded)
  const docStems: (string | undefined)[] = new Array<string | undefined>(doc.length)
  const hits: Hit[] = []
  for (let i = 0; i < doc.length; i++) {
    for (const n of needles) {
      if (i + n.stems.length > doc.length) continue
      let ok = true
      for (let j = 0; j < n.stems.length && ok; j++) {
        const k = i + j
        // a phrase crosses a break only where the query has one too (时，公 finds 时，公)
        ok =
          (j === 0 || doc[k]!.broken === n.broken[j]) &&
          tokenMatches(doc[k]!, () => (docStems[k] ??= porterStem(doc[k]!.text)), n, j)
      }
      if (!ok) continue
      const a = doc[i]!.start
      const b = doc[i + n.stems.length - 1]!.end
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
