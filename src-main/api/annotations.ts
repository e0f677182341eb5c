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
import { AnchorError, reanchor, selectorAt, selectQuote } from '../annotations/anchor'
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
import { parseQuery, type ParsedQuery } from '../shared/query'
import { normalizeText } from '../text/normalize'

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
    selection?: { prefix: string; suffix: string; near: number }
    color?: HighlightColor
    note?: string
  }): Highlight {
    const text = plainText(this.#article(args.articleId).markdown)
    let s
    try {
      s = args.selection
        ? fromSelection(text, args.quote, args.selection)
        : selectQuote(text, args.quote, args.occurrence)
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

  /** With a query, the highlights of the articles it finds; its `has:note` and `note:` then
   * also ask it of each highlight, so `阿里 has:note` lists the highlights that carry a note. */
  list(args: { articleId?: number; query?: string }): Highlight[] {
    const all = listHighlights(this.db(), this.owner, { articleId: args.articleId })
    if (args.query === undefined || args.query.trim() === '') return all
    const q = parseQuery(args.query)
    // The note filters are asked of each highlight below; of the article they would also count
    // its other highlights' notes (`-has:note` would drop a bare highlight beside a noted one).
    const own = [...q.notes, ...q.has.filter((f) => f.value === 'note')].map((f) => f.span)
    const rest = own
      .sort((x, y) => y.start - x.start)
      .reduce((t, sp) => `${t.slice(0, sp.start)} ${t.slice(sp.end)}`, args.query)
    const found = rest.trim() === '' ? null : new Set(this.#searchIds(rest))
    return all.filter((h) => (found?.has(h.articleId) ?? true) && highlightMatches(h, q))
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
      const page = searchArchive(
        this.db(),
        {
          query,
          sort: 'newest',
          limit: 1000,
          offset: ids.length,
        },
        this.owner,
      )
      if (page.error) throw new LecternError(page.error.code)
      ids.push(...page.hits.map((h) => h.id))
      if (page.hits.length < 1000 || ids.length >= EXPORT_LIMIT) return ids.slice(0, EXPORT_LIMIT)
    }
  }
}

/** A highlight's own part of a query: `has:note`/`-has:note` and `note:` look at its note. The
 * article's own note is listed apart; it does not make each highlight on it noted. */
function highlightMatches(h: Highlight, q: ParsedQuery): boolean {
  const note = h.note ? normalizeText(h.note) : ''
  for (const f of q.has) {
    if (f.value === 'note' && (note !== '') === f.negate) return false
  }
  for (const f of q.notes) {
    const has = note !== '' && note.includes(normalizeText(f.text).trim())
    if (has === f.negate) return false
  }
  return true
}

/** A selection from the reader's page: its text may differ from the plain text in whitespace
 * between blocks, so it is placed as an import re-places a highlight (exact with its context,
 * then the context, then fuzzy), and the stored quote is the plain text found there. */
function fromSelection(
  text: string,
  quote: string,
  sel: { prefix: string; suffix: string; near: number },
) {
  const exact = quote.trim()
  if (exact === '') throw new AnchorError('quote-empty', 'empty quote')
  const found = reanchor(text, {
    exact,
    prefix: sel.prefix,
    suffix: sel.suffix,
    start: sel.near,
    end: sel.near + exact.length,
  })
  if (!found) throw new AnchorError('quote-not-found', 'not found')
  return selectorAt(text, found.start, found.end)
}
