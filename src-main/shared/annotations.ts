// Highlights, notes and citations as they cross the contract. Offsets count UTF-16 code units
// of the article's plain text (what JavaScript strings and DOM ranges count).

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

export interface Highlight {
  id: number
  articleId: number
  /** The text the reader selected, as it was then (TextQuoteSelector.exact). */
  quote: string
  /** Up to 32 characters before and after it when it was made, to tell repeats apart. */
  prefix: string
  suffix: string
  /** Where it stands in the current plain text (TextPositionSelector). Kept as last known while
   * orphaned. */
  start: number
  end: number
  note: string | null
  color: HighlightColor
  /** True when a change to the article left nowhere to put it; it is kept and shown by its quote. */
  orphaned: boolean
  created: string
  updated: string
}

export interface ArticleNote {
  articleId: number
  note: string
  created: string
  updated: string
}

/** What a re-import did to the highlights of the articles it updated (and, for a new article
 * from an exported file, where the file's highlights were placed). */
export interface AnnotationCounts {
  /** Still at the same offsets. */
  kept: number
  /** Found again elsewhere, or with its text slightly changed. */
  moved: number
  /** Could not be placed; kept, marked orphaned. */
  orphaned: number
}

export const CITATION_STYLES = ['apa', 'chicago', 'mla', 'gb7714'] as const
export type CitationStyle = (typeof CITATION_STYLES)[number]
export const CITATION_LOCALES = ['en', 'zh-CN'] as const
export type CitationLocale = (typeof CITATION_LOCALES)[number]

/** The most articles one bibliography holds: citeproc formats each one, and a longer list is a
 * reference export's job (CSL-JSON, RIS, BibTeX). */
export const MAX_CITED = 1000

export interface CitationEntry {
  articleId: number
  /** The bibliography entry. */
  text: string
  html: string
  /** The same source cited in running text (APA `(Smith, 2025)`) or as a note (Chicago). */
  citation: string
}

/** A bibliography: one entry per article, in the style's order, as plain text and HTML. */
export interface Citations {
  style: CitationStyle
  locale: CitationLocale
  entries: CitationEntry[]
  text: string
  html: string
}

export const EXPORT_FORMATS = ['csl-json', 'ris', 'bibtex'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** What a reference needs to know of an article. */
export interface ReferenceFacts {
  id: number
  title: string
  /** ISO 8601 as stored; null when unknown (then the reference has no date, never a guess). */
  date: string | null
  lang: string | null
  sourceUrl: string | null
  sourceName: string | null
  author: string | null
  /** When the article entered the archive: the reader's "accessed" date. */
  importedAt: string
}

/** References for a reference manager, as the text of one file. */
export interface ReferenceExport {
  format: ExportFormat
  /** How many articles (records) it holds. */
  count: number
  text: string
}

/** One line of the Annotations view: a highlight (with its note) or a note on a whole article,
 * with the article it links back to. */
export interface AnnotationEntry {
  kind: 'highlight' | 'note'
  articleId: number
  articleTitle: string
  articleDate: string | null
  /** The highlight's id (kind 'highlight'), for scrolling to it in the article. */
  highlightId: number | null
  quote: string | null
  color: HighlightColor | null
  note: string | null
  orphaned: boolean
  /** When it was made (a re-import that moves a highlight does not make it new): the list is
   * newest first. */
  created: string
}
