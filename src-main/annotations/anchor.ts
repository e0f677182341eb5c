// Anchoring highlights in text that may change, as the W3C Web Annotation model describes: a
// quote with its context (TextQuoteSelector) and offsets (TextPositionSelector). Re-anchoring
// tries, in order: the exact quote (the occurrence whose context fits best, nearest the old
// place), the old context with changed words between, then an approximate match of the quote.
// Approximate matching is Myers' bit-parallel algorithm from `approx-string-match`, the library
// Hypothesis uses for exactly this.
import search from 'approx-string-match'

export const CONTEXT_LENGTH = 32

export interface TextSelector {
  exact: string
  prefix: string
  suffix: string
  start: number
  end: number
}

export type AnchorErrorCode = 'quote-empty' | 'quote-not-found' | 'quote-ambiguous'

export class AnchorError extends Error {
  constructor(
    readonly code: AnchorErrorCode,
    message: string,
    /** How often the quote occurs. */
    readonly occurrences = 0,
    /** The occurrence asked for, when there is no such one. */
    readonly asked?: number,
  ) {
    super(message)
    this.name = 'AnchorError'
  }
}

function occurrencesOf(text: string, quote: string): number[] {
  const at: number[] = []
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) at.push(i)
  return at
}

/** The selector of the quote's occurrence at `start` (0-based offsets into `text`). */
export function selectorAt(text: string, start: number, end: number): TextSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  }
}

/**
 * A selector for `quote` in `text`. A quote that occurs more than once needs `occurrence`
 * (1 = the first), or it is refused: guessing would put the reader's note on the wrong sentence.
 */
export function selectQuote(text: string, quote: string, occurrence?: number): TextSelector {
  if (quote.trim() === '') throw new AnchorError('quote-empty', 'The quote is empty.')
  const at = occurrencesOf(text, quote)
  if (at.length === 0) {
    throw new AnchorError('quote-not-found', 'The quote is not in the article.')
  }
  if (occurrence === undefined && at.length > 1) {
    throw new AnchorError(
      'quote-ambiguous',
      `The quote occurs ${at.length} times in the article; say which occurrence (1–${at.length}).`,
      at.length,
    )
  }
  const start = at[(occurrence ?? 1) - 1]
  if (start === undefined) {
    throw new AnchorError(
      'quote-not-found',
      `The quote occurs ${at.length} time${at.length === 1 ? '' : 's'}, not ${occurrence}.`,
      at.length,
      occurrence,
    )
  }
  return selectorAt(text, start, start + quote.length)
}

export type Anchor = { how: 'exact' | 'context' | 'fuzzy'; start: number; end: number }

/** How many characters of `a`'s end and `b`'s end agree (for prefixes). */
function commonSuffix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++
  return n
}
function commonPrefix(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}

/** How many characters of the stored context agree around a candidate. */
function contextFit(text: string, sel: TextSelector, start: number, end: number): number {
  const before = text.slice(Math.max(0, start - sel.prefix.length), start)
  const after = text.slice(end, end + sel.suffix.length)
  return commonSuffix(before, sel.prefix) + commonPrefix(after, sel.suffix)
}

/** Context agreement first (it tells repeats apart), then nearness to where it was. */
function score(text: string, sel: TextSelector, start: number, end: number): number {
  const distance = Math.abs(start - sel.start) / Math.max(text.length, 1)
  return contextFit(text, sel, start, end) - distance
}

function best<T extends { start: number; end: number }>(
  text: string,
  sel: TextSelector,
  candidates: T[],
  extra: (c: T) => number = () => 0,
): T | undefined {
  let top: T | undefined
  let topScore = -Infinity
  for (const c of candidates) {
    const s = score(text, sel, c.start, c.end) + extra(c)
    if (s > topScore) [top, topScore] = [c, s]
  }
  return top
}

/** The old context still there with changed words between: the quote was edited in place. */
function byContext(text: string, sel: TextSelector): Anchor | null {
  // Too little context says nothing: a few characters of prefix recur everywhere.
  if (sel.prefix.length + sel.suffix.length < 8) return null
  const starts = sel.prefix
    ? occurrencesOf(text, sel.prefix).map((i) => i + sel.prefix.length)
    : [0]
  const ends = sel.suffix ? occurrencesOf(text, sel.suffix) : [text.length]
  const len = sel.exact.length
  const pairs: { start: number; end: number }[] = []
  for (const s of starts) {
    for (const e of ends) {
      if (e - s >= Math.ceil(len / 2) && e - s <= len * 2) pairs.push({ start: s, end: e })
    }
  }
  // What stands between must still look like the quote (a word or two changed), not be a new
  // sentence in the old one's place.
  const close = pairs.filter(
    ({ start, end }) => distance(text.slice(start, end), sel.exact) <= len / 2,
  )
  const top = best(text, sel, close)
  return top ? { how: 'context', ...top } : null
}

/** Edits between `a` and the whole of `b`, when at most `b.length` (approximate-match based). */
function distance(a: string, b: string): number {
  const m = search(a, b, b.length)[0]
  return m ? m.errors + a.length - (m.end - m.start) : Infinity
}

/** Edits allowed for an approximate match: about one in five characters, none for tiny quotes. */
export function maxErrorsFor(quote: string): number {
  return Math.min(32, Math.floor(quote.length / 5))
}

/** Where a stored selector now belongs in `text`, or null when it cannot be placed (orphaned). */
export function reanchor(text: string, sel: TextSelector): Anchor | null {
  const exact = occurrencesOf(text, sel.exact).map((start) => ({
    start,
    end: start + sel.exact.length,
  }))
  const top = best(text, sel, exact)
  const full = sel.prefix.length + sel.suffix.length
  if (top && contextFit(text, sel, top.start, top.end) === full) return { how: 'exact', ...top }
  // The same words elsewhere in another context (a repeated caption, a stock phrase) lose to the
  // reader's own place with a word changed in it.
  const context = byContext(text, sel)
  if (context) return context
  if (top) return { how: 'exact', ...top }
  const errors = maxErrorsFor(sel.exact)
  if (errors === 0) return null
  const fuzzy = search(text, sel.exact, errors)
  // Fewer edits matter most; context and place break ties among equally close matches.
  const found = best(text, sel, fuzzy, (m) => -m.errors * 2 * CONTEXT_LENGTH)
  return found ? { how: 'fuzzy', start: found.start, end: found.end } : null
}
