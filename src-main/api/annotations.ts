// The research layer of the service: highlights, notes, citations and exports over one archive,
// for one reader (`owner`). Kept apart from service.ts so each file stays about one thing.
import type { Archive } from '../db/open'
import { getArticle } from '../db/articles'
import {
  deleteHighlight,
  getArticleNote,
  insertHighlight,
  listArticleNotes,
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
  AnnotationEntry,
  ArticleNote,
  Citations,
  ExportFormat,
  Highlight,
  HighlightColor,
  ReferenceExport,
} from '../shared/annotations'
import { MAX_CITED, type CitationLocale, type CitationStyle } from '../shared/annotations'
import type { Selection } from '../shared/organise'
import { resolveSelection } from './organise'
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
    const { q, found } = this.#articlesOf(args.query)
    return all.filter((h) => (found?.has(h.articleId) ?? true) && noteMatches(h.note, q))
  }

  /** The Annotations view: highlights and article notes, newest first, filtered by a query as
   * `list` filters highlights (a note on an article is one more noted entry of it). */
  entries(args: { query?: string; limit?: number }): AnnotationEntry[] {
    const db = this.db()
    const limit = args.limit ?? 500
    const query = args.query?.trim() ?? ''
    const { q, found } = query === '' ? { q: null, found: null } : this.#articlesOf(query)
    const keep = (articleId: number, note: string | null) =>
      (found?.has(articleId) ?? true) && (q === null || noteMatches(note, q))
    const wantsHighlight = q?.has.some((f) => f.value === 'highlight' && !f.negate) ?? false
    const titles = new Map<number, { title: string; date: string | null }>()
    const article = (id: number) => {
      let a = titles.get(id)
      if (!a) {
        const row = getArticle(db, id)
        a = { title: row?.title ?? '', date: row?.date ?? null }
        titles.set(id, a)
      }
      return a
    }
    const out: AnnotationEntry[] = []
    for (const h of listHighlights(db, this.owner)) {
      if (!keep(h.articleId, h.note)) continue
      const a = article(h.articleId)
      out.push({
        kind: 'highlight',
        articleId: h.articleId,
        articleTitle: a.title,
        articleDate: a.date,
        highlightId: h.id,
        quote: h.quote,
        color: h.color,
        note: h.note,
        orphaned: h.orphaned,
        created: h.created,
      })
    }
    if (!wantsHighlight) {
      for (const n of listArticleNotes(db, this.owner)) {
        if (!keep(n.articleId, n.note)) continue
        const a = article(n.articleId)
        out.push({
          kind: 'note',
          articleId: n.articleId,
          articleTitle: a.title,
          articleDate: a.date,
          highlightId: null,
          quote: null,
          color: null,
          note: n.note,
          orphaned: false,
          created: n.created,
        })
      }
    }
    return out
      .sort((x, y) => (x.created < y.created ? 1 : x.created > y.created ? -1 : 0))
      .slice(0, limit)
  }

  /** The articles a query finds, leaving its note filters to be asked of each entry: of the
   * article they would also count its other notes (`-has:note` would drop a bare highlight
   * beside a noted one). Null when only note filters were given. */
  #articlesOf(query: string): { q: ParsedQuery; found: Set<number> | null } {
    const q = parseQuery(query)
    const own = [...q.notes, ...q.has.filter((f) => f.value === 'note')].map((f) => f.span)
    const rest = own
      .sort((x, y) => y.start - x.start)
      .reduce((t, sp) => `${t.slice(0, sp.start)} ${t.slice(sp.end)}`, query)
    return { q, found: rest.trim() === '' ? null : new Set(this.#searchIds(rest)) }
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

  cite(args: {
    ids?: number[]
    selection?: Selection
    style: CitationStyle
    locale?: CitationLocale
  }): Promise<Citations> {
    if (args.ids && args.selection) throw new LecternError('export-source')
    const ids = args.selection
      ? resolveSelection(this.db(), this.owner, args.selection)
      : (args.ids ?? [])
    if (ids.length === 0) throw new LecternError('no-articles')
    if (ids.length > MAX_CITED) {
      throw new LecternError('too-many-to-cite', { count: ids.length, max: MAX_CITED })
    }
    const items = this.#facts(ids).map(cslItem)
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
        { owner: this.owner },
      )
      if (page.error) throw new LecternError(page.error.code)
      ids.push(...page.hits.map((h) => h.id))
      if (page.hits.length < 1000 || ids.length >= EXPORT_LIMIT) return ids.slice(0, EXPORT_LIMIT)
    }
  }
}

/** An entry's own part of a query: `has:note`/`-has:note` and `note:` look at its note. The
 * article's own note is an entry apart; it does not make each highlight on it noted. */
function noteMatches(text: string | null, q: ParsedQuery): boolean {
  const note = text ? normalizeText(text) : ''
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
