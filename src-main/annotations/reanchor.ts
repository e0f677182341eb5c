import type { Archive } from '../db/open'
import { hasHighlights, highlightsOfArticle, placeHighlight } from '../db/annotations'
import type { AnnotationCounts } from '../shared/annotations'
import { plainText } from '../text/plain'
import { reanchor } from './anchor'

export function noCounts(): AnnotationCounts {
  return { kept: 0, moved: 0, orphaned: 0 }
}

/**
 * Re-anchors every reader's highlights on an article whose body changed, in the caller's
 * transaction. Orphans are tried again too: an edit that comes back brings its highlight back.
 * Nothing is deleted; what cannot be placed is marked orphaned and keeps its quote.
 */
export function reanchorArticle(
  db: Archive,
  articleId: number,
  markdown: string,
): AnnotationCounts {
  const counts = noCounts()
  // Most updated articles have no highlights: skip the plain-text pass for them.
  if (!hasHighlights(db, articleId)) return counts
  const text = plainText(markdown)
  const now = new Date().toISOString()
  for (const h of highlightsOfArticle(db, articleId)) {
    const place = reanchor(text, {
      exact: h.quote,
      prefix: h.prefix,
      suffix: h.suffix,
      start: h.start,
      end: h.end,
    })
    if (!place) {
      counts.orphaned++
      if (!h.orphaned) placeHighlight(db, h.id, null, now)
      continue
    }
    const same =
      !h.orphaned && place.start === h.start && place.end === h.end && place.how === 'exact'
    if (same) {
      counts.kept++
    } else {
      counts.moved++
      placeHighlight(db, h.id, place, now)
    }
  }
  return counts
}
