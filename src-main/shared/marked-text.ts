import type { MarkedText } from './search-types'

export interface Segment {
  text: string
  marked: boolean
}

/** The text cut at its marks, in order; marks out of range or out of order are skipped. */
export function segments(m: MarkedText): Segment[] {
  const out: Segment[] = []
  let at = 0
  for (const [start, end] of m.marks) {
    if (start < at || end <= start || end > m.text.length) continue
    if (start > at) out.push({ text: m.text.slice(at, start), marked: false })
    out.push({ text: m.text.slice(start, end), marked: true })
    at = end
  }
  if (at < m.text.length) out.push({ text: m.text.slice(at), marked: false })
  return out
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** As HTML: the text escaped, each mark in `<mark>`…`</mark>` (the CLI's JSON keeps this form). */
export function markedHtml(m: MarkedText): string {
  return segments(m)
    .map((s) => (s.marked ? `<mark>${escapeHtml(s.text)}</mark>` : escapeHtml(s.text)))
    .join('')
}
