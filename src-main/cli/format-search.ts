import { plural } from './plural'
import type { QueryWarning } from '../shared/query'
import type { SearchResult } from '../shared/search-types'
import { markedHtml, segments } from '../shared/marked-text'
import { describeEn } from '../shared/messages-en'

const BOLD = '\x1b[1m'
const MARK = '\x1b[7m'
const RESET = '\x1b[0m'

/** Search results for a terminal: marks become reverse video (or «» when not a terminal). */
export function formatSearch(r: SearchResult, tty = Boolean(process.stdout.isTTY)): string {
  if (r.error) return describeEn(r.error)
  const lines: string[] = []
  if (r.warnings?.length) lines.push(...r.warnings.map((w) => `note: ${describeWarning(w)}`))
  lines.push(plural(r.total, 'article'))
  for (const h of r.hits) {
    const meta = [h.date?.slice(0, 10) ?? 'undated', h.sourceName, h.lang]
      .filter(Boolean)
      .join(' · ')
    lines.push('', `${tty ? BOLD : ''}[${h.id}] ${h.title}${tty ? RESET : ''}`, `     ${meta}`)
    const [open, close] = tty ? [MARK, RESET] : ['«', '»']
    const snippet = segments(h.snippet).map((s) => (s.marked ? open + s.text + close : s.text))
    lines.push(`     ${snippet.join('')}`)
  }
  return lines.join('\n')
}

/** `--json` keeps a hit's snippet as it always was: HTML-escaped text with `<mark>`s. */
export function searchJson(r: SearchResult) {
  return { ...r, hits: r.hits.map((h) => ({ ...h, snippet: markedHtml(h.snippet) })) }
}

/** A query warning in English, for the terminal. */
export function describeWarning(w: QueryWarning): string {
  switch (w.code) {
    case 'bad-date':
      return `ignored ${w.field}:${w.value}: dates look like 2025, 2025-02 or 2025-02-13`
    case 'no-value':
      return `ignored ${w.field}: without a value`
    case 'bad-has':
      return `ignored has:${w.value}: it can be has:highlight or has:note`
    case 'empty-date-range':
      return `no date is both on or after ${w.after} and before ${w.before}`
    case 'bad-status':
      return `ignored is:${w.value}: use is:read or is:unread`
    case 'unknown-collection':
      return `no collection named "${w.name}"`
  }
}
