import type { Archive } from '../db/open'

/** The user's own marks on an article, as an export carries them. */
export interface ArticleAnnotations {
  highlights: { quote: string; start: number; end: number; color?: string; created: string }[]
  notes: { text: string; quote?: string; created: string }[]
}

/**
 * The user's highlights and notes on one article, for exports (the Markdown folder's front
 * matter). The highlights work (issue 9) fills this from its owner-aware tables; until it lands
 * the archive holds none, so nothing is dropped.
 */
export function annotationsForExport(_db: Archive, _articleId: number): ArticleAnnotations | null {
  return null
}
