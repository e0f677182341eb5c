import { isCjk, normalizeWithMap } from '../text/normalize'
import type { ParsedQuery } from '../shared/query'
import type { MarkedText } from '../shared/search-types'
import { mergeRanges, queryMatcher, type Hit, type TextRange } from '../shared/match'
import { plainText } from '../text/plain'

// Snippets are cut from the ORIGINAL text (so no spaces appear between Chinese characters and
// 臺灣 stays 臺灣 when the query was 台湾): matching happens on the folded text, the same way FTS5
// sees it, and normalizeWithMap carries each match back to the characters the user wrote.

// one matcher per query, not per snippet: a page cuts 50 snippets for the same query
const matchers = new WeakMap<ParsedQuery, ReturnType<typeof queryMatcher>>()

function matcher(q: ParsedQuery) {
  let m = matchers.get(q)
  if (m === undefined) matchers.set(q, (m = queryMatcher(q, normalizeWithMap)))
  return m
}

/** Ranges of `text` matching the query's positive terms: sorted, non-overlapping. */
export function findMatches(text: string, q: ParsedQuery): TextRange[] {
  return matcher(q).ranges(text)
}

/** All of `text` (plain text), every match marked. */
export function markTerms(text: string, q: ParsedQuery): MarkedText {
  return { text, marks: findMatches(text, q).map((r) => [r.start, r.end]) }
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
 * cluster of matches, `…` where cut, with the matches marked. With no match, the start of the
 * text.
 */
export function makeSnippet(original: string, q: ParsedQuery, maxChars = 160): MarkedText {
  const text = plainText(original)
  const m = matcher(q)
  const hits = m.hits(text)
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

  const ranges = mergeRanges(hits)
  // a match the window would cut through is left out rather than half-marked
  const before = ranges.find((r) => r.start < from && r.end > from)
  if (before !== undefined) from = snapStart(text, before.end, to)
  const after = ranges.find((r) => r.start < to && r.end > to)
  if (after !== undefined && after.start > from) to = snapEnd(text, after.start, from)

  const lead = from > 0 ? '…' : ''
  const marks: [number, number][] = ranges
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => [r.start - from + lead.length, r.end - from + lead.length])
  // paragraph breaks matter to matching; one line of excerpt shows them as spaces
  const shown = text.slice(from, to).replace(/\n/g, ' ')
  return { text: lead + shown + (to < len ? '…' : ''), marks }
}

// Articles run up to hundreds of KB (inline images, long tables), and a snippet lexes, folds and
// tokenizes all the text it is given: 50 of them were a third of a rare word's search. Look in the
// opening first (cut at a paragraph break, so no Markdown construct is split), where a match
// usually is, and read the whole text only when it is not there.
const SNIPPET_HEAD = 3_000

/** A ranked hit's snippet: around the query's words, looked for in the opening first. */
export function hitSnippet(markdown: string, q: ParsedQuery): MarkedText {
  // With several AND-groups the excerpt showing most of them may lie past the opening.
  if (markdown.length <= SNIPPET_HEAD || q.groups.length > 1) return makeSnippet(markdown, q)
  const brk = markdown.lastIndexOf('\n\n', SNIPPET_HEAD)
  const head = makeSnippet(markdown.slice(0, brk > SNIPPET_HEAD / 2 ? brk : SNIPPET_HEAD), q)
  if (head.marks.length === 0) return makeSnippet(markdown, q)
  // the text goes on after the opening even when the excerpt reaches its end
  return head.text.endsWith('…') ? head : { ...head, text: `${head.text}…` }
}
