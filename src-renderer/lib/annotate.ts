// Highlights on the page the reader sees. The server stores them against the article's plain
// text (src-main/text/plain.ts); the page is the rendered HTML, whose text differs in whitespace
// between blocks. So neither side trusts the other's offsets: a selection is sent as its quote
// with the text around it and the server anchors it, and a stored highlight is drawn by finding
// its quote on the page (the occurrence whose context fits best, nearest its offset).
import type { Highlight } from '../../src-main/shared/annotations'
import { collectText, wrapRanges, type TextRuns } from './highlight'

const CONTEXT = 32

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The quote as a pattern whose whitespace matches any whitespace (a paragraph break on the
 * page is one newline, in the plain text two). */
function pattern(quote: string): RegExp {
  return new RegExp(quote.trim().split(/\s+/).map(escape).join('\\s+'), 'g')
}

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

/** Where a highlight's quote stands on the page, or null (orphaned, or not on the page). */
export function locate(all: string, h: Highlight): { start: number; end: number } | null {
  if (h.orphaned) return null
  let best: { start: number; end: number; score: number } | null = null
  for (const m of all.matchAll(pattern(h.quote))) {
    const start = m.index
    const end = start + m[0].length
    const fit =
      commonSuffix(
        all.slice(Math.max(0, start - CONTEXT), start).replace(/\s+/g, ' '),
        h.prefix.replace(/\s+/g, ' '),
      ) +
      commonPrefix(
        all.slice(end, end + CONTEXT).replace(/\s+/g, ' '),
        h.suffix.replace(/\s+/g, ' '),
      )
    const score = fit * 1e6 - Math.abs(start - h.start)
    if (!best || score > best.score) best = { start, end, score }
  }
  return best && { start: best.start, end: best.end }
}

/** Draws the highlights as `<mark class="hl hl-COLOR" data-highlight=ID>`; returns, by id, the
 * first mark of each one drawn. */
export function drawHighlights(root: HTMLElement, list: Highlight[]): Map<number, HTMLElement> {
  const runs = collectText(root)
  const placed = list
    .map((h) => ({ h, at: locate(runs.all, h) }))
    .filter((p): p is { h: Highlight; at: { start: number; end: number } } => p.at !== null)
  const doc = root.ownerDocument
  const firsts = wrapRanges(
    runs,
    placed.map((p) => p.at),
    (i) => {
      const h = placed[i]!.h
      const mark = doc.createElement('mark')
      mark.className = `hl hl-${h.color}${h.note ? ' has-note' : ''}`
      mark.dataset.highlight = String(h.id)
      if (h.note) mark.title = h.note
      return mark
    },
  )
  const byId = new Map<number, HTMLElement>()
  firsts.forEach((m, i) => m && byId.set(placed[i]!.h.id, m))
  return byId
}

function offsetOf(runs: TextRuns, container: Node, offset: number): number | null {
  if (container.nodeType === Node.TEXT_NODE) {
    const n = runs.nodes.find((r) => r.node === container)
    return n ? n.at + offset : null
  }
  // A point between elements: the first text node at or after it.
  const range = container.ownerDocument!.createRange()
  range.setStart(container, offset)
  const after = runs.nodes.find((r) => range.comparePoint(r.node, 0) >= 0)
  return after ? after.at : runs.all.length
}

/** The selection inside `root` as the server anchors it: the quote, the text around it and
 * roughly where it starts; null when nothing in the article is selected. */
export function selectionIn(
  root: HTMLElement,
  sel: Selection | null,
): { quote: string; prefix: string; suffix: string; near: number } | null {
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null
  const range = sel.getRangeAt(0)
  if (!root.contains(range.commonAncestorContainer)) return null
  const runs = collectText(root)
  const start = offsetOf(runs, range.startContainer, range.startOffset)
  const end = offsetOf(runs, range.endContainer, range.endOffset)
  if (start === null || end === null || end <= start) return null
  const raw = runs.all.slice(start, end)
  const lead = raw.length - raw.trimStart().length
  const quote = raw.trim()
  if (quote === '') return null
  const from = start + lead
  const to = from + quote.length
  return {
    quote,
    prefix: runs.all.slice(Math.max(0, from - CONTEXT), from),
    suffix: runs.all.slice(to, to + CONTEXT),
    near: from,
  }
}
