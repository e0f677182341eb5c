import type { Archive } from '../db/open'
import type {
  MarkedText,
  SearchHit,
  SearchRequest,
  SearchResult,
  SearchSort,
} from '../shared/search-types'
import { parseQuery, type ParsedQuery, type QueryWarning } from '../shared/query'
import { collectionId } from '../db/collections'
import { LOCAL_OWNER } from '../db/annotations'
import { toFtsMatch } from './fts'
import { pairsInIndex } from '../db/common-pairs'
import { filterSql } from './filters'
import { hitSnippet, makeSnippet } from './snippet'
import { stmt } from '../db/stmt'
import { editsOf } from '../db/edits'
import { anyTrashed, notTrashedSql, showsImported, shownSql } from '../db/shown'
import { readIds } from '../db/id-list'
import { cachedSearch, type CachedSearch } from './result-cache'
import {
  facetIndex,
  type FacetIndex,
  facetsIn,
  facetsOf,
  firstFacets,
  lastFacetIndex,
  pageByDate,
  readyFacetIndex,
  wholeFacets,
} from './facet-index'
import { savedFacetsCurrent } from './facet-saved'
import { storedThumbnailOf } from '../db/images'
import { LecternError, wireError } from '../shared/errors'
import { annotationFacets } from '../db/annotation-search'
import { storiesOf } from '../db/story-clusters'
import { countStories, firstOfEachStory, storyOf, wholeArchiveStories } from './stories'
import { DATE_ORDER, wholeListPage, wholeListTotal } from '../db/whole-list'
import { rankOf } from './rank'

export interface SearchOptions {
  /** Hits ranked by bm25 when a query matches more (see RANK_CAP). */
  rankCap?: number
  /** false: answer without facets rather than build the facet index first (the service's searches
   * while it builds the index in a worker: after start, and after a large archive changed). */
  waitForFacets?: boolean
  /** This search's page, made while its ids were read on another thread (parallel.ts): used if
   * the page is of the same ids. */
  madePage?: MadePage
  /** Whose highlights, notes, collections and reading status `has:`, `note:`, `collection:` and
   * `is:` look at, and the facets count. */
  owner?: string
  /** From how many articles a relevance search on both threads shares the reading of its ids
   * (id-halves.ts LARGE; tests lower it). */
  shareIdsFrom?: number
}

export interface Prepared {
  q: ParsedQuery
  match: string | null
  /** The filters' WHERE clause on `a` ('' when none), trash left aside: '' is the whole archive. */
  cond: string
  /** `cond` with trashed articles left out: what every SQL read over `a` uses. */
  kept: string
  /** What follows the FTS match aliased `m`: the join to `a` for the filters (only when there are
   * any) and the trash condition on `m.id` (only while the trash is not empty). */
  onMatch: string
  params: unknown[]
  /** The collection shown in its own order (`collection:x` without words, sorted by relevance). */
  listId: number | null
  warnings: { warnings?: QueryWarning[] }
}

/** Parses and plans one search; a result instead when nothing in the query can be searched. */
export function prepare(
  db: Archive,
  req: SearchRequest,
  owner: string,
): Prepared | { result: SearchResult } {
  const q = parseQuery(req.query)
  const { match, exclude } = toFtsMatch(q, pairsInIndex(db))
  const all = [...q.warnings]
  for (const c of q.collections) {
    if (collectionId(db, owner, c.name) === null) {
      all.push({ code: 'unknown-collection', name: c.name, span: c.span })
    }
  }
  const warnings = all.length ? { warnings: all } : {}
  // Something was typed, but nothing in it can be searched for (only punctuation, emoji…): an
  // empty list with a reason, not the whole archive.
  const noFilters =
    q.exclude.length +
      q.filters.length +
      q.has.length +
      q.notes.length +
      q.collections.length +
      q.read.length ===
      0 &&
    !q.after &&
    !q.before
  if (match === null && (q.groups.length > 0 || (noFilters && req.query.trim() !== ''))) {
    return {
      result: { total: 0, hits: [], error: wireError({ code: 'unsearchable-query' }), ...warnings },
    }
  }
  const { where, params } = filterSql(db, q, owner)
  if (exclude) {
    where.push('a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)')
    params.push(exclude)
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  // Trashed articles are in no search (the Trash view lists them apart); the in-memory date
  // order leaves them out already, the SQL reads skip them while the trash is not empty.
  const trashed = anyTrashed(db)
  const keptWhere = [...where, ...(trashed ? [notTrashedSql('a.id')] : [])]
  const kept = keptWhere.length ? `WHERE ${keptWhere.join(' AND ')}` : ''
  const onMatch =
    (cond ? `JOIN articles a ON a.id = m.id ${cond}` : '') +
    (trashed ? ` ${cond ? 'AND' : 'WHERE'} ${notTrashedSql('m.id')}` : '')
  const inCollection = q.collections.find((c) => !c.negate)
  const listId =
    inCollection && match === null && (req.sort ?? 'relevance') === 'relevance'
      ? collectionId(db, owner, inCollection.name)
      : null
  return { q, match, cond, kept, onMatch, params, listId, warnings }
}

/** Every id an FTS5 match finds (the match's argument). */
const MATCHED = `SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?`

/** The SQL of every matching id, and its arguments. */
export function matchedSql(p: Prepared): [string, unknown[]] {
  return p.match
    ? [
        `SELECT m.id FROM (${MATCHED}) m
           ${p.onMatch}`,
        [p.match, ...p.params],
      ]
    : [`SELECT a.id FROM articles a ${p.kept}`, p.params]
}

/** Every article id the query matches, in no order (selections, counts); [] when none can. */
export function matchingIds(db: Archive, query: string, owner: string = LOCAL_OWNER): number[] {
  const p = prepare(db, { query }, owner)
  if ('result' in p) return []
  const [sql, args] = matchedSql(p)
  return Array.from(readIds(db, sql, args))
}

/** Every article a search finds (what a bulk change on "the whole search" changes), in id
 * order; a query with nothing to search for is an error, not an empty change. */
export function searchIds(db: Archive, query: string, owner: string = LOCAL_OWNER): number[] {
  const p = prepare(db, { query }, owner)
  if ('result' in p) throw new LecternError('unsearchable-query')
  const [sql, args] = matchedSql(p)
  // readIds' ids are ascending
  return Array.from(readIds(db, sql, args))
}

/**
 * One search, in three reads that each do only what they must: the matching ids (no ranking:
 * bm25 over every hit of a common character was most of a search), the page (FTS5 ranks with a
 * top-k sorter; date pages come off the in-memory date order; a collection alone keeps the order
 * its reader gave it), and the facets counted from the in-memory index. Before that index exists
 * (just after start) nothing waits for it: the whole archive's list is read off the date index
 * (db/whole-list.ts), and a service building the index in a worker answers without facets.
 */
export function searchArchive(
  db: Archive,
  req: SearchRequest,
  opts: SearchOptions = {},
): SearchResult {
  const rankCap = opts.rankCap ?? RANK_CAP
  const owner = opts.owner ?? LOCAL_OWNER
  const p = prepare(db, req, owner)
  if ('result' in p) return p.result
  const { q, match, cond, kept, onMatch, params, warnings } = p
  const sort = req.sort ?? 'relevance'
  const limit = req.limit ?? 20
  const offset = req.offset ?? 0
  const dateSort = sort === 'relevance' ? (match ? null : 'newest') : sort

  // A collection shown in its own order is the reader's hand-made list: every item stays a row
  // (and a row's place is its place in the collection, which reordering relies on).
  if (req.group && p.listId === null) return grouped(db, p, req, opts)

  return db.transaction((): SearchResult => {
    if (match === null && cond === '') {
      // Before the facet index exists the list comes off the date index (db/whole-list.ts). A
      // service building the index in a worker answers without facets meanwhile; a one-shot
      // caller (the CLI) counts them in SQL, over the imported values: with edits or trash the
      // index (shown values, no trash) is built first instead.
      // (An index kept in the archive and current is read instead: faster than the counts.)
      const pending = opts.waitForFacets === false
      const counted = () => showsImported(db) && !savedFacetsCurrent(db)
      const idx = readyFacetIndex(db) ?? (pending || counted() ? null : facetIndex(db))
      if (idx === null) {
        const sorted = dateSort ?? 'newest'
        return {
          total: wholeListTotal(db),
          hits: page(db, q, wholeListPage(db, sorted, limit, offset), false, owner),
          ...(pending
            ? pendingFacets(db, owner, null)
            : { facets: { ...firstFacets(db), annotations: annotationFacets(db, owner, null) } }),
          ...warnings,
        }
      }
      const ids = pageByDate(idx, idx.order, dateSort ?? 'newest', offset, limit)
      return {
        total: idx.order.length,
        hits: page(db, q, ids, false, owner),
        facets: { ...wholeFacets(db), annotations: annotationFacets(db, owner, null) },
        ...warnings,
      }
    }
    const [matched, args] = matchedSql(p)
    const found = foundIds(db, p, rankCap)
    const ids = found.ids
    // While the service builds the facet index in a worker it may not exist yet: this answer
    // goes without facets (and takes its date page from SQL) rather than wait for it.
    const idx = opts.waitForFacets === false ? readyFacetIndex(db) : facetIndex(db)
    const pageIds =
      p.listId !== null
        ? // A collection shown as itself keeps the order its reader gave it.
          (stmt(
            db,
            `SELECT a.id FROM articles a JOIN collection_items ci
               ON ci.article_id = a.id AND ci.collection_id = ? ${kept}
              ORDER BY ci.position, a.id DESC LIMIT ? OFFSET ?`,
          )
            .pluck()
            .all(p.listId, ...params, limit, offset) as number[])
        : !dateSort
          ? rankedPage(found, offset, limit, (o, l) =>
              pageByRank(db, match as string, onMatch, params, ids, o, l, rankCap),
            )
          : idx
            ? pageByDate(idx, ids, dateSort, offset, limit)
            : (stmt(
                db,
                `SELECT a.id FROM articles a WHERE a.id IN (${matched})
                  ORDER BY ${DATE_ORDER[dateSort](shownSql(db, 'date'))} LIMIT ? OFFSET ?`,
              )
                .pluck()
                .all(...args, limit, offset) as number[])
    return {
      total: ids.length,
      hits: page(db, q, pageIds, match !== null, owner, opts.madePage),
      ...(idx
        ? {
            facets: {
              ...(found.facets ??= facetsOf(db, ids)),
              annotations: annotationFacets(db, owner, ids),
            },
          }
        : pendingFacets(db, owner, ids)),
      ...warnings,
    }
  })()
}

/**
 * What an answer says when its facets are still being counted (while the service builds the
 * facet index in a worker: after start, and after a large archive changed): ask again shortly.
 * Meanwhile, once an index was built, it counts them with that one, as the archive was (articles
 * added since are not in them): the library's lists stay where they were through an import or a
 * watched folder's burst instead of going blank. `ids` null: the whole archive's list.
 */
function pendingFacets(
  db: Archive,
  owner: string,
  ids: ArrayLike<number> | null,
): { facetsPending: true; facets?: SearchResult['facets'] } {
  const old = lastFacetIndex(db)
  if (old === null) return { facetsPending: true }
  const counted = ids === null ? (old.whole ??= facetsIn(old, old.order)) : facetsIn(old, ids)
  return {
    facetsPending: true,
    facets: { ...counted, annotations: annotationFacets(db, owner, ids) },
  }
}

/** Whether the query's hits depend on the articles alone: the reader's own marks (has:, note:,
 * collection:, is:) change without a new archive version (generation()), so only such hits may
 * be kept for that version (others, see foundIds). */
export const onArticlesAlone = (q: ParsedQuery): boolean =>
  q.has.length + q.notes.length + q.collections.length + q.read.length === 0

/** Every id the query matches, ascending, read once for the ungrouped and the grouped list: kept
 * for the next page, the other sort or grouping. Hits that read the reader's marks are kept only
 * until this connection next writes anything: SQLite's total_changes(), which every row it
 * writes moves (a mark, a note, a collection's member; another connection's writes change
 * generation()). Scrolling a search inside a collection read all its hits again for each page:
 * 120 ms a page at 100,000 articles. */
function foundIds(db: Archive, p: Prepared, rankCap: number): CachedSearch {
  const [matched, args] = matchedSql(p)
  const key = searchKey(rankCap, matched, args)
  const read = () => readIds(db, matched, args)
  if (onArticlesAlone(p.q)) return cachedSearch(db, key, read)
  const written = stmt(db, `SELECT total_changes()`).pluck().get() as number
  return cachedSearch(db, `${key}\u0000${written}`, read)
}

/** The largest article id (0 in an empty archive). */
export const lastArticleId = (db: Archive): number =>
  (stmt(db, `SELECT max(id) FROM articles`).pluck().get() as number | null) ?? 0

/** What a search's matching ids are kept under (result-cache.ts). */
export const searchKey = (rankCap: number, matched: string, args: unknown[]) =>
  `${rankCap}\u0000${matched}\u0000${JSON.stringify(args)}`

// bm25 costs a few microseconds per hit: over the 80,000 hits of 的 it was most of a search. So
// only the newest RANK_CAP hits are ranked; the older ones follow them, newest first. Every hit
// is still in the list exactly once (the total and the facets count them all); a query that
// common says little about relevance anyway.
export const RANK_CAP = 10_000

// The first pages in relevance order are ranked in one go and kept: scrolling on costs no pass.
export const RANKED_HEAD = 200

function rankedPage(
  found: CachedSearch,
  offset: number,
  limit: number,
  rank: (offset: number, limit: number) => number[],
): number[] {
  const want = offset + limit
  if (want > RANKED_HEAD) return rank(offset, limit)
  found.ranked ??= rank(0, RANKED_HEAD)
  return found.ranked.slice(offset, want)
}

/** The hits from a rowid on (match, rowid, then the filters' arguments), best first (bm25, title
 * matches weighing ten times body matches: rank.ts). */
const rankedSql = (db: Archive, match: string, onMatch: string) =>
  `SELECT m.id FROM (SELECT rowid AS id, ${rankOf(db, match)} AS rank FROM articles_fts
     WHERE articles_fts MATCH ? AND rowid >= ?) m
     ${onMatch}
    ORDER BY m.rank, m.id DESC LIMIT ? OFFSET ?`

/**
 * The first RANKED_HEAD hits of `match` in relevance order without its ids: what pageByRank
 * gives for them. Only the newest `cap` hits are ranked: FTS5 walks rowids from the top and
 * stops at the cap-th (one pass; finding that hit's rowid first, then ranking from it, walked
 * them twice: 人工智能 at 100,000 articles 28 → 18 ms).
 */
export function rankedHead(db: Archive, match: string, cap: number): number[] {
  return stmt(
    db,
    `SELECT id FROM (SELECT rowid AS id, ${rankOf(db, match)} AS rank FROM articles_fts
       WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
      ORDER BY rank, id DESC LIMIT ?`,
  )
    .pluck()
    .all(match, cap, RANKED_HEAD) as number[]
}

function pageByRank(
  db: Archive,
  match: string,
  onMatch: string,
  params: unknown[],
  ids: Int32Array | number[],
  offset: number,
  limit: number,
  cap: number,
): number[] {
  // readIds' typed arrays are ascending already
  const ascending = () => (ids instanceof Int32Array ? ids : Int32Array.from(ids).sort())
  const sorted = ids.length > cap ? ascending() : null
  const floor = sorted ? (sorted[sorted.length - cap] as number) : 0
  const ranked = Math.min(ids.length, cap)
  const out =
    offset < ranked
      ? (stmt(db, rankedSql(db, match, onMatch))
          .pluck()
          // as a BigInt: better-sqlite3 binds a JS number as a REAL, and FTS5 seeks only to an
          // INTEGER rowid bound (it ignored a REAL one and SQLite filtered every hit instead: a
          // whole pass over a common phrase, for the newest RANK_CAP of them)
          .all(
            match,
            BigInt(floor),
            ...params,
            Math.min(limit, ranked - offset),
            offset,
          ) as number[])
      : []
  if (sorted) {
    // The unranked older hits, newest first, after the ranked ones.
    for (let j = Math.max(0, offset - ranked); out.length < limit; j++) {
      const k = sorted.length - cap - 1 - j
      if (k < 0) break
      out.push(sorted[k] as number)
    }
  }
  return out
}

interface HitRow {
  id: number
  title: string
  date: string | null
  lang: string | null
  source_name: string | null
  source_url: string | null
  path: string
  markdown: string
  summary: string | null
  tags: string | null
  categories: string | null
  read: number
}

/** A page's hits made while its search's ids were being read on another thread (parallel.ts),
 * for the answer made right after: not kept longer, as a hit's reading status and edits change
 * without a new archive version. */
export interface MadePage {
  /** JSON of the parsed query (snippets depend on it) */
  q: string
  ids: number[]
  ranked: boolean
  owner: string
  hits: SearchHit[]
}

/** Whether `made` is the page of these ids for this query. */
const isPageOf = (made: MadePage, q: ParsedQuery, ids: number[], ranked: boolean, owner: string) =>
  made.ranked === ranked &&
  made.owner === owner &&
  made.ids.length === ids.length &&
  made.ids.every((id, i) => id === ids[i]) &&
  made.q === JSON.stringify(q)

/** The hits shown for these ids: each article's row, its snippet (around the query's words when
 * `ranked`, else from its opening) and its story. `cut`: ranked snippets already cut elsewhere
 * (by the id worker, see parallel.ts), by article id. */
export function page(
  db: Archive,
  q: ParsedQuery,
  ids: number[],
  ranked: boolean,
  owner: string,
  made?: MadePage,
  cut?: ReadonlyMap<number, MarkedText>,
): SearchHit[] {
  if (made && isPageOf(made, q, ids, ranked, owner)) return made.hits
  const stories = storiesOf(db, ids)
  const detail = stmt(
    db,
    `SELECT a.id, a.title, a.date, a.lang, a.source_name, a.source_url, a.path, t.markdown, a.summary,
       (SELECT json_group_array(l.name) FROM article_labels al JOIN labels l ON l.id = al.label_id
         WHERE al.article_id = a.id AND l.kind = 'tag') AS tags,
       (SELECT json_group_array(l.name) FROM article_labels al JOIN labels l ON l.id = al.label_id
         WHERE al.article_id = a.id AND l.kind = 'category') AS categories,
       EXISTS (SELECT 1 FROM reading_status r WHERE r.article_id = a.id AND r.owner = ?
         AND r.read = 1) AS read
     FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`,
  )
  return ids.map((id) => {
    const r = detail.get(owner, id) as HitRow
    const { summary = r.summary, ...edited } = editsOf(db, id)
    return {
      id: r.id,
      title: r.title,
      date: r.date,
      tags: JSON.parse(r.tags ?? '[]') as string[],
      categories: JSON.parse(r.categories ?? '[]') as string[],
      lang: r.lang,
      sourceName: r.source_name,
      sourceUrl: r.source_url,
      ...edited,
      path: r.path,
      thumbnail: storedThumbnailOf(db, r.id),
      read: r.read === 1,
      snippet: ranked
        ? (cut?.get(r.id) ?? hitSnippet(r.markdown, q))
        : makeSnippet(summary || r.markdown.slice(0, 2000), q),
      ...stories.get(r.id)!,
    }
  })
}

/**
 * One hit per story: the first of its versions in the list's order stands for it (the best
 * ranked, or the newest or oldest for date sorts). The same three reads as an ungrouped search,
 * with each hit's story from memory: the total counts stories, the facets count articles, and the
 * ranking keeps RANK_CAP (only the newest hits of a very common query are ranked).
 */
function grouped(db: Archive, p: Prepared, req: SearchRequest, opts: SearchOptions): SearchResult {
  const owner = opts.owner ?? LOCAL_OWNER
  return db.transaction((): SearchResult => {
    const idx = opts.waitForFacets === false ? readyFacetIndex(db) : facetIndex(db)
    const story = storyOf(db)
    if (!idx && p.match === null && p.cond === '') {
      // the whole archive's list before the index: off the date index (db/whole-list.ts)
      const sort = req.sort === 'oldest' ? 'oldest' : 'newest'
      const ordered = (n: number) => wholeListPage(db, sort, n)
      return {
        total: wholeArchiveStories(db),
        hits: page(
          db,
          p.q,
          firstOfEachStory(ordered, story, req.offset ?? 0, req.limit ?? 20),
          false,
          owner,
        ),
        ...pendingFacets(db, owner, null),
        ...p.warnings,
      }
    }
    const { found, ids, ordered } = storyOrder(db, p, req.sort ?? 'relevance', idx, opts)
    const pageIds = firstOfEachStory(ordered, story, req.offset ?? 0, req.limit ?? 20)
    return {
      total: countStories(ids, story),
      hits: page(db, p.q, pageIds, p.match !== null, owner, opts.madePage),
      ...(idx
        ? {
            facets: {
              // the whole archive's list (no found ids) has the facets counted once
              ...(found ? (found.facets ??= facetsOf(db, ids)) : wholeFacets(db)),
              annotations: annotationFacets(db, owner, found ? ids : null),
            },
          }
        : pendingFacets(db, owner, found ? ids : null)),
      ...p.warnings,
    }
  })()
}

/** Every hit of a query (and, but for the whole archive's list, the kept search they were read
 * into), and a reader of its first n in the list's order. */
function storyOrder(
  db: Archive,
  p: Prepared,
  sort: SearchSort,
  idx: FacetIndex | null,
  opts: SearchOptions,
): { found?: CachedSearch; ids: ArrayLike<number>; ordered: (n: number) => ArrayLike<number> } {
  const dateSort = sort === 'relevance' ? (p.match ? null : 'newest') : sort
  if (p.match === null && p.cond === '' && idx) {
    return { ids: idx.order, ordered: (n) => pageByDate(idx, idx.order, dateSort!, 0, n) }
  }
  const cap = opts.rankCap ?? RANK_CAP
  const found = foundIds(db, p, cap)
  const ids = found.ids
  if (!dateSort) {
    const rank = (o: number, l: number) =>
      pageByRank(db, p.match!, p.onMatch, p.params, ids, o, l, cap)
    // the ranked head is the ungrouped list's too: either one asked first ranks it for both
    return { found, ids, ordered: (n) => rankedPage(found, 0, n, rank) }
  }
  if (idx) return { found, ids, ordered: (n) => pageByDate(idx, ids, dateSort, 0, n) }
  const [matched, args] = matchedSql(p)
  return {
    found,
    ids,
    ordered: (n) =>
      stmt(
        db,
        `SELECT a.id FROM articles a WHERE a.id IN (${matched})
            ORDER BY ${DATE_ORDER[dateSort](shownSql(db, 'date'))} LIMIT ?`,
      )
        .pluck()
        .all(...args, n) as number[],
  }
}

/** The article standing for each story of a query's grouped list, in no order (what a bulk
 * action on "all of this grouped list" acts on). */
export function matchingStoryIds(
  db: Archive,
  query: string,
  sort: SearchSort,
  owner: string = LOCAL_OWNER,
): number[] {
  const p = prepare(db, { query, sort }, owner)
  if ('result' in p) return []
  if (p.listId !== null) return matchingIds(db, query, owner)
  return db.transaction(() => {
    const { ids, ordered } = storyOrder(db, p, sort, facetIndex(db), {})
    return firstOfEachStory(ordered, storyOf(db), 0, ids.length)
  })()
}

/**
 * Builds what a process's first search builds once (the folding and index-text tables, the
 * Markdown lexer's first runs: about 100 ms here), for a service that starts before anyone asks:
 * serve and the desktop run it while the page or window is still loading, so the first answer
 * does not wait for it.
 */
export function warmSearchText(): void {
  const q = parseQuery('經濟 market')
  toFtsMatch(q)
  hitSnippet('# 经济\n\n**市场** market 的数据，[来源](https://example.org)。\n\n- 一\n\n> 二', q)
}
