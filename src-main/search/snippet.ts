import {
  isCjk,
  isPhraseBreak,
  isTokenChar,
  normalizeText,
  normalizeWithMap,
} from '../text/normalize'
import type { ParsedQuery } from './query'
import { plainText } from '../text/plain'

// Snippets are cut from the ORIGINAL text (so no spaces appear between Chinese characters and
// 臺灣 stays 臺灣 when the query was 台湾): matching happens on the folded text, the same way FTS5
// sees it, and normalizeWithMap carries each match back to the characters the user wrote.

export interface TextRange {
  start: number
  end: number
}

// ---------------------------------------------------------------- tokens as FTS5 sees them

interface Token {
  start: number
  end: number
  text: string
  cjk: boolean
  /** A phrase cannot run from the token before into this one (toIndexText's break token). */
  broken: boolean
}

/** unicode61 on toIndexText's output: runs of letters/digits, each CJK character on its own. */
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
      if (isPhraseBreak(cp)) pendingBreak = true
    }
    i += w
  }
  close(folded.length)
  return out
}

// A light English stemmer: FTS5's porter would match `elections` to `election`, `elected`…;
// this only needs to agree roughly, so a few common suffixes are enough for highlighting.
function stem(word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word
  let w = word
  if (w.endsWith('ies')) w = w.slice(0, -3) + 'y'
  else if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  for (const suffix of ['ingly', 'edly', 'ness', 'ment', 'ions', 'ing', 'ion', 'ed', 'ly', 'er']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length)
      break
    }
  }
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1)
  if (w.length > 3 && /[ey]$/.test(w)) w = w.slice(0, -1)
  return w
}

interface Needle {
  tokens: Token[]
  stems: string[]
  prefix: boolean
  group: number
}

function needles(q: ParsedQuery): Needle[] {
  const out: Needle[] = []
  q.groups.forEach((group, g) => {
    for (const term of group) {
      // title: terms matched the title, not the text this snippet is cut from
      if (term.field === 'title') continue
      const tokens = tokenize(normalizeText(term.text))
      if (tokens.length === 0) continue
      out.push({ tokens, stems: tokens.map((t) => stem(t.text)), prefix: term.prefix, group: g })
    }
  })
  return out
}

function tokenMatches(doc: Token, n: Needle, j: number, docStem: () => string): boolean {
  const t = n.tokens[j]!
  if (t.cjk || doc.cjk) return doc.text === t.text
  if (n.prefix && j === n.tokens.length - 1) return doc.text.startsWith(t.text)
  return doc.text === t.text || docStem() === n.stems[j]
}

interface Hit extends TextRange {
  group: number
}

/** Where `text`'s words match the query's (non-title) terms, in `text`'s own UTF-16 indices. */
function findHits(text: string, q: ParsedQuery): Hit[] {
  const ns = needles(q)
  if (ns.length === 0 || text === '') return []
  const { text: folded, map } = normalizeWithMap(text)
  const doc = tokenize(folded)
  const stems: (string | undefined)[] = new Array<string | undefined>(doc.length)
  const hits: Hit[] = []
  for (let i = 0; i < doc.length; i++) {
    for (const n of ns) {
      if (i + n.tokens.length > doc.length) continue
      let ok = true
      for (let j = 0; j < n.tokens.length && ok; j++) {
        const k = i + j
        ok =
          (j === 0 || doc[k]!.broken === n.tokens[j]!.broken) &&
          tokenMatches(doc[k]!, n, j, () => (stems[k] ??= stem(doc[k]!.text)))
      }
      if (!ok) continue
      const a = doc[i]!.start
      const b = doc[i + n.tokens.length - 1]!.end
      // ﬁ folds to fi: if the match ends inside one original character, take all of it
      let e = b
      while (e < folded.length && map[e] === map[b - 1]) e++
      hits.push({ start: map[a]!, end: map[e]!, group: n.group })
    }
  }
  return hits.sort((x, y) => x.start - y.start || y.end - x.end)
}

function merge(hits: TextRange[]): TextRange[] {
  const out: TextRange[] = []
  for (const h of hits) {
    const last = out[out.length - 1]
    if (last !== undefined && h.start < last.end) last.end = Math.max(last.end, h.end)
    else out.push({ start: h.start, end: h.end })
  }
  return out
}

/** Ranges of `text` matching the query's positive terms: sorted, non-overlapping. */
export function findMatches(text: string, q: ParsedQuery): TextRange[] {
  return merge(findHits(text, q))
}

// ---------------------------------------------------------------- output

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function render(text: string, from: number, to: number, ranges: TextRange[]): string {
  let out = ''
  let at = from
  for (const r of ranges) {
    if (r.end <= from || r.start >= to) continue
    const s = Math.max(r.start, from)
    const e = Math.min(r.end, to)
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>'
    at = e
  }
  return out + escapeHtml(text.slice(at, to))
}

/** All of `text` (plain text) escaped, every match wrapped in `<mark>`…`</mark>`. */
export function markTerms(text: string, q: ParsedQuery): string {
  return render(text, 0, text.length, findMatches(text, q))
}

const WORDISH = /[\p{L}\p{N}]/u

// Latin words are not cut in half; CJK text has no spaces to move to, so it is cut anywhere.
function inWord(text: string, i: number): boolean {
  const before = text.codePointAt(i - 1) ?? 0
  const after = text.codePointAt(i) ?? 0
  const latin = (cp: number) => cp !== 0 && !isCjk(cp) && WORDISH.test(String.fromCodePoint(cp))
  return latin(before) && latin(after)
}

function notInPair(text: string, i: number): boolean {
  const u = text.charCodeAt(i)
  return !(u >= 0xdc00 && u <= 0xdfff)
}

function snapStart(text: string, i: number, limit: number): number {
  let s = i
  if (!notInPair(text, s)) s++
  if (inWord(text, s)) {
    const space = text.indexOf(' ', s)
    if (space >= 0 && space < Math.min(limit, s + 20)) s = space + 1
  }
  while (s < limit && text[s] === ' ') s++
  return s
}

function snapEnd(text: string, i: number, limit: number): number {
  let e = i
  if (!notInPair(text, e)) e--
  if (inWord(text, e)) {
    const space = text.lastIndexOf(' ', e)
    if (space > Math.max(limit, e - 20)) e = space
  }
  while (e > limit && text[e - 1] === ' ') e--
  return e
}

/** The run of hits within maxChars covering the most AND-groups, then the most hits. */
function densestWindow(hits: Hit[], maxChars: number): { first: number; lastEnd: number } {
  let best = { first: hits[0]!.start, lastEnd: hits[0]!.end }
  let bestGroups = 0
  let bestCount = 0
  const counts = new Map<number, number>()
  let j = 0
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!
    if (j < i) j = i
    while (j < hits.length && hits[j]!.end - h.start <= maxChars) {
      const g = hits[j]!.group
      counts.set(g, (counts.get(g) ?? 0) + 1)
      j++
    }
    if (j === i) continue
    if (counts.size > bestGroups || (counts.size === bestGroups && j - i > bestCount)) {
      bestGroups = counts.size
      bestCount = j - i
      let lastEnd = h.end
      for (let k = i; k < j; k++) lastEnd = Math.max(lastEnd, hits[k]!.end)
      best = { first: h.start, lastEnd }
    }
    const c = counts.get(h.group)! - 1
    if (c === 0) counts.delete(h.group)
    else counts.set(h.group, c)
  }
  return best
}

/**
 * A plain-text excerpt of Markdown `original` of about `maxChars` characters around the densest
 * cluster of matches: `<`, `>`, `&` escaped, matches in `<mark>`…`</mark>`, `…` where cut. With
 * no match, the start of the text.
 */
export function makeSnippet(original: string, q: ParsedQuery, maxChars = 160): string {
  const text = plainText(original)
  const hits = findHits(text, q)
  const len = text.length

  let from = 0
  let to = Math.min(len, maxChars)
  if (hits.length > 0) {
    const { first, lastEnd } = densestWindow(hits, maxChars)
    // some context before the first match, more after it
    const lead = Math.min(Math.max(0, Math.floor((maxChars - (lastEnd - first)) / 3)), 40)
    // when the matches fit in the opening, show the opening rather than cut two characters off it
    from = lastEnd <= maxChars ? 0 : Math.max(0, first - lead)
    to = Math.min(len, Math.max(from + maxChars, lastEnd))
    from = snapStart(text, from, first)
  }
  to = snapEnd(text, to, from)

  const ranges = merge(hits)
  // a match the window would cut through is left out rather than half-marked
  const before = ranges.find((r) => r.start < from && r.end > from)
  if (before !== undefined) from = snapStart(text, before.end, to)
  const after = ranges.find((r) => r.start < to && r.end > to)
  if (after !== undefined && after.start > from) to = snapEnd(text, after.start, from)

  // paragraph breaks matter to matching (above); one line of excerpt shows them as spaces
  const shown = text.replace(/\n/g, ' ')
  return (from > 0 ? '…' : '') + render(shown, from, to, ranges) + (to < len ? '…' : '')
}
