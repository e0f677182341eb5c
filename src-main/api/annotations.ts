// The research layer of the service: highlights, notes, citations and exports over one archive,
// for one reader (`owner`). Kept apart from service.ts so each file stays about one thing.
import type { Archive } from '../db/open'
import { getArticle } from '../db/articles'
import {
  deleteHighlight,
  getArticleNote,
  insertHighlight,
  listHighlights,
  setArticleNote,
  updateHighlight,
} from '../db/annotations'
import { referenceFacts } from '../db/references'
import { AnchorError, selectQuote } from '../annotations/anchor'
import { cite, defaultLocale } from '../cite/citations'
import { cslItem } from '../cite/csl-item'
import { toBibtex, toCslJson, toRis } from '../cite/exports'
import { plainText } from '../text/plain'
import { searchArchive } from '../search/search'
import type {
  ArticleNote,
  Citations,
  ExportFormat,
  Highlight,
  HighlightColor,
  ReferenceExport,
} from '../shared/annotations'
import type { CitationLocale, CitationStyle } from '../shared/annotations'
import { LecternError } from '../shared/errors'

const WRITERS: Record<ExportFormat, (items: ReturnType<typeof cslItem>[]) => string> = {
  'csl-json': toCslJson,
  ris: toRis,
  bibtex: toBibtex,
}
/** An export of a search takes at most this many articles (a reference list, not the archive). */
export const EXPORT_LIMIT = 10_000

export class Annotations {
  constructor(
    private readonly db: () => Archive,
    private readonly owner: string,
  ) {}

  #article(id: number) {
    const a = getArticle(this.db(), id)
    if (!a) throw new LecternError('not-found', { id })
    return a
  }

  add(args: {
    articleId: number
    quote: string
    occurrence?: number
    color?: HighlightColor
    note?: string
  }): Highlight {
    const text = plainText(this.#article(args.articleId).markdown)
    let s
    try {
      s = selectQuote(text, args.quote, args.occurrence)
    } catch (e) {
      if (!(e instanceof AnchorError)) throw e
      if (e.code === 'quote-ambiguous') {
        throw new LecternError('quote-ambiguous', { occurrences: e.occurrences })
      }
      if (e.code === 'quote-empty') throw new LecternError('quote-empty')
      throw new LecternError('quote-not-found', {
        occurrences: e.occurrences,
        ...(e.asked !== undefined ? { asked: e.asked } : {}),
      })
    }
    return insertHighlight(
      this.db(),
      this.owner,
      {
        articleId: args.articleId,
        quote: s.exact,
        prefix: s.prefix,
        suffix: s.suffix,
        start: s.start,
        end: s.end,
        color: args.color ?? 'yellow',
        note: args.note?.trim() ? args.note : null,
      },
      new Date().toISOString(),
    )
  }

  list(args: { articleId?: number }): Highlight[] {
    return listHighlights(this.db(), this.owner, { articleId: args.articleId })
  }

  update(args: { id: number; note?: string; color?: HighlightColor }): Highlight {
    const h = updateHighlight(
      this.db(),
      this.owner,
      args.id,
      {
        ...(args.note !== undefined ? { note: args.note } : {}),
        ...(args.color ? { color: args.color } : {}),
      },
      new Date().toISOString(),
    )
    if (!h) throw new LecternError('highlight-not-found', { id: args.id })
    return h
  }

  remove(args: { id: number }): boolean {
    if (!deleteHighlight(this.db(), this.owner, args.id)) {
      throw new LecternError('highlight-not-found', { id: args.id })
    }
    return true
  }

  note(args: { articleId: number }): ArticleNote | null {
    return getArticleNote(this.db(), this.owner, args.articleId)
  }

  setNote(args: { articleId: number; note: string }): ArticleNote | null {
    this.#article(args.articleId)
    return setArticleNote(
      this.db(),
      this.owner,
      args.articleId,
      args.note,
      new Date().toISOString(),
    )
  }

  #facts(ids: number[]) {
    const facts = referenceFacts(this.db(), ids)
    const [missing] = ids.filter((id) => !facts.some((f) => f.id === id))
    if (missing !== undefined) throw new LecternError('not-found', { id: missing })
    return facts
  }

  cite(args: { ids: number[]; style: CitationStyle; locale?: CitationLocale }): Promise<Citations> {
    if (args.ids.length === 0) throw new LecternError('no-articles')
    const items = this.#facts(args.ids).map(cslItem)
    return cite(items, args.style, args.locale ?? defaultLocale(args.style))
  }

  exportReferences(args: {
    format: ExportFormat
    ids?: number[]
    query?: string
  }): ReferenceExport {
    if ((args.ids === undefined) === (args.query === undefined)) {
      throw new LecternError('export-source')
    }
    const ids = args.ids ?? this.#searchIds(args.query as string)
    const items = this.#facts(ids).map(cslItem)
    return { format: args.format, count: items.length, text: WRITERS[args.format](items) }
  }

  /** Every article a search finds, newest first, up to EXPORT_LIMIT. */
  #searchIds(query: string): number[] {
    const ids: number[] = []
    for (;;) {
      const page = searchArchive(this.db(), {
        query,
        sort: 'newest',
        limit: 1000,
        offset: ids.length,
      })
      if (page.error) throw new LecternError(page.error.code)
      ids.push(...page.hits.map((h) => h.id))
      if (page.hits.length < 1000 || ids.length >= EXPORT_LIMIT) return ids.slice(0, EXPORT_LIMIT)
    }
  }
}
