import type { Article } from '../shared/types'

/**
 * The citation printed under each article in HTML, EPUB and PDF exports. The citations work
 * (issue 9) replaces this with its CSL engine's rendering; until then: author, title, source,
 * date and address, in that order, as plain text.
 */
export function citationForExport(a: Article): { text: string; url: string | null } {
  const parts = [a.author, `“${a.title}”`, a.sourceName, a.date?.slice(0, 10)].filter(
    (p): p is string => !!p,
  )
  return { text: parts.join(', '), url: a.sourceUrl }
}
