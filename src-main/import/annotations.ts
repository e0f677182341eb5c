// The reader's highlights and note that a Markdown folder export wrote under `lectern` in the
// front matter, turned back into the owner's rows when the file makes a new article.
import type { Archive } from '../db/open'
import { insertHighlight, placeHighlight, setArticleNote } from '../db/annotations'
import { reanchor } from '../annotations/anchor'
import { noCounts } from '../annotations/reanchor'
import { HIGHLIGHT_COLORS, type AnnotationCounts, type HighlightColor } from '../shared/annotations'
import { plainText } from '../text/plain'

/** One exported highlight, as read from a file (any tool may have written it: checked). */
export interface FileHighlight {
  quote: string
  prefix: string
  suffix: string
  color: HighlightColor
  note: string | null
}

export interface FileAnnotations {
  highlights: FileHighlight[]
  note: string | null
}

const text = (v: unknown): string => (typeof v === 'string' ? v : '')

function highlightOf(v: unknown): FileHighlight | null {
  if (!v || typeof v !== 'object') return null
  const h = v as Record<string, unknown>
  const quote = text(h.quote)
  // Nothing to anchor or show: not a highlight, whatever else the entry says.
  if (quote.trim() === '') return null
  const color = HIGHLIGHT_COLORS.find((c) => c === h.color) ?? 'yellow'
  return {
    quote,
    prefix: text(h.prefix),
    suffix: text(h.suffix),
    color,
    note: text(h.note) || null,
  }
}

/**
 * Takes the reader's own data out of a file's front matter: it becomes the importing reader's
 * rows, not an unknown key every reader's export would copy (and a deleted highlight would come
 * back from). Pictures and original values stay in `lectern`: they describe the file.
 */
export function takeAnnotations(frontMatter: Record<string, unknown>): {
  frontMatter: Record<string, unknown>
  annotations: FileAnnotations | null
} {
  const block = frontMatter.lectern
  if (!block || typeof block !== 'object' || Array.isArray(block)) {
    return { frontMatter, annotations: null }
  }
  const { highlights, note, ...rest } = block as Record<string, unknown>
  if (highlights === undefined && note === undefined) return { frontMatter, annotations: null }
  const out = { ...frontMatter }
  if (Object.keys(rest).length) out.lectern = rest
  else delete out.lectern
  const list = Array.isArray(highlights) ? highlights.map(highlightOf) : []
  const noteText = note && typeof note === 'object' ? text((note as { text?: unknown }).text) : ''
  return {
    frontMatter: out,
    annotations: {
      highlights: list.filter((h): h is FileHighlight => h !== null),
      note: noteText.trim() ? noteText : null,
    },
  }
}

/**
 * Creates `owner`'s highlights and note on a new article, each highlight anchored in the article's
 * plain text by its quote and context. One that cannot be placed is kept, orphaned, by its quote.
 * Counts: `kept` placed exactly, `moved` placed by context or approximately, `orphaned`.
 */
export function restoreAnnotations(
  db: Archive,
  owner: string,
  articleId: number,
  markdown: string,
  a: FileAnnotations,
  now: string,
): AnnotationCounts {
  const counts = noCounts()
  if (a.note) setArticleNote(db, owner, articleId, a.note, now)
  if (!a.highlights.length) return counts
  const plain = plainText(markdown)
  for (const h of a.highlights) {
    // The export leaves offsets out (they belong to the old archive): the context places it.
    const place = reanchor(plain, {
      exact: h.quote,
      prefix: h.prefix,
      suffix: h.suffix,
      start: 0,
      end: 0,
    })
    const row = {
      articleId,
      quote: h.quote,
      prefix: h.prefix,
      suffix: h.suffix,
      color: h.color,
      note: h.note,
    }
    if (place) {
      insertHighlight(db, owner, { ...row, start: place.start, end: place.end }, now)
      counts[place.how === 'exact' ? 'kept' : 'moved']++
    } else {
      const made = insertHighlight(db, owner, { ...row, start: 0, end: h.quote.length }, now)
      placeHighlight(db, made.id, null, now)
      counts.orphaned++
    }
  }
  return counts
}
