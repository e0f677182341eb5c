import type { SearchResult } from '../shared/search-types'
import { describeEn } from '../shared/messages-en'

const BOLD = '\x1b[1m'
const MARK = '\x1b[7m'
const RESET = '\x1b[0m'

/** Search results for a terminal: marks become reverse video (or «» when not a terminal). */
export function formatSearch(r: SearchResult, tty = Boolean(process.stdout.isTTY)): string {
  if (r.error) return describeEn(r.error)
  const lines: string[] = []
  if (r.warnings?.length) lines.push(...r.warnings.map((w) => `note: ${w}`))
  lines.push(`${r.total} ${r.total === 1 ? 'article' : 'articles'}`)
  for (const h of r.hits) {
    const meta = [h.date?.slice(0, 10) ?? 'undated', h.sourceName, h.lang]
      .filter(Boolean)
      .join(' · ')
    lines.push('', `${tty ? BOLD : ''}[${h.id}] ${h.title}${tty ? RESET : ''}`, `     ${meta}`)
    lines.push(`     ${unmark(h.snippet, tty)}`)
  }
  return lines.join('\n')
}

function unmark(snippet: string, tty: boolean): string {
  return snippet
    .replace(/<mark>/g, tty ? MARK : '«')
    .replace(/<\/mark>/g, tty ? RESET : '»')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}
