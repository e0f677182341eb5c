import { getArticleNote, listHighlights, LOCAL_OWNER } from '../db/annotations'
import type { Archive } from '../db/open'

/** The user's own marks on an article, as an export carries them: each highlight by its quote
 * (with the text around it, so it can be found again), its colour and note; the article's note. */
export interface ArticleAnnotations {
  highlights: {
    quote: string
    prefix: string
    suffix: string
    color: string
    note?: string
    created: string
  }[]
  note: { text: string; created: string; updated: string } | null
}

/**
 * The reader's highlights and note on one article, for the Markdown folder's front matter (the
 * owner-aware tables of the highlights work; the desktop's one reader is LOCAL_OWNER). Offsets
 * are left out: they belong to this archive's plain text, the quote and its context do not.
 */
export function annotationsForExport(
  db: Archive,
  articleId: number,
  owner = LOCAL_OWNER,
): ArticleAnnotations | null {
  const highlights = listHighlights(db, owner, { articleId }).map((h) => ({
    quote: h.quote,
    prefix: h.prefix,
    suffix: h.suffix,
    color: h.color,
    ...(h.note ? { note: h.note } : {}),
    created: h.created,
  }))
  const n = getArticleNote(db, owner, articleId)
  const note = n ? { text: n.note, created: n.created, updated: n.updated } : null
  return highlights.length || note ? { highlights, note } : null
}
