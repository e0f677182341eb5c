import type { Archive } from '../db/open'
import type { MarkedText, SearchHit, SearchRequest, SearchResult } from '../shared/search-types'
import { parseQuery, type ParsedQuery, type QueryWarning } from '../shared/query'
import { collectionId } from '../db/collections'
import { LOCAL_OWNER } from '../db/annotations'
import { toFtsMatch } from './fts'
import { filterSql } from './filters'
import { makeSnippet } from './snippet'
import { stmt } from '../db/stmt'
import { facetsOf } from './facet-index'
import { storedThumbnailOf } from '../db/images'
import { wireError } from '../shared/errors'

// Title matches weigh ten times body matches in bm25 (columns: title, body).
const RANK = 'bm25(articles_fts, 10.0, 1.0)'
// Undated articles come last both ways (DESC puts NULL last by itself). `newest` is the reverse
// order of the date index, so the first page is read off the index without sorting every hit;
// relevance ties go to the newer import rather than costing a join per hit.
const ORDER = {
  relevance: 'h.rank, h.id DESC',
  newest: 'a.date DESC, a.id DESC',
  oldest: 'a.date IS NULL, a.date ASC, a.id ASC',
} as const

interface Prepared {
  q: ParsedQuery
  match: string | null
  fill: string
  params: unknown[]
  /** The list is a collection in its own order (`collection:x` alone, sorted by relevance). */
  ordered: boolean
  warnings: QueryWarning[]
}

/** Parses and plans one search; a result instead when nothing in the query can be searched. */
function prepare(
  db: Archive,
  req: SearchRequest,
  owner: string,
): Prepared | { result: SearchResult } {
  const q = parseQuery(req.query)
  const { match, exclude } = toFtsMatch(q)
  const warnings = [...q.warnings]
  for (const c of q.collections) {
    if (collectionId(db, owner, c.name) === null) {
      warnings.push({ code: 'unknown-collection', name: c.name, span: c.span })
    }
  }
  // Something was typed, but nothing in it can be searched for (only punctuation, emoji…): an
  // empty list with a reason, not the whole archive.
  const noFilters =
    q.exclude.length + q.filters.length + q.collections.length + q.read.length === 0 &&
    !q.after &&
    !q.before
  if (match === null && (q.groups.length > 0 || (noFilters && req.query.trim() !== ''))) {
    const result: SearchResult = {
      total: 0,
      hits: [],
      error: wireError({ code: 'unsearchable-query' }),
    }
    if (warnings.length) result.warnings = warnings
    return { result }
  }
  const { where, params } = filterSql(q, owner)
  if (exclude) {
    where.push('a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)')
    params.push(exclude)
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const sort = req.sort ?? 'relevance'
  // bm25 over every match is the dearest part of a search for a common word: only when needed.
  const rank = sort === 'relevance' ? RANK : '0'
  const inCollection = q.collections.find((c) => !c.negate)
  const listId = inCollection ? collectionId(db, owner, inCollection.name) : null
  const ordered = match === null && sort === 'relevance' && listId !== null
  let fill: string
  if (match) {
    fill = `INSERT INTO temp.hits (id, rank)
         SELECT m.id, m.rank FROM (SELECT rowid AS id, ${rank} AS rank FROM articles_fts
           WHERE articles_fts MATCH ?) m ${cond ? `JOIN articles a ON a.id = m.id ${cond}` : ''}`
    params.unshift(match)
  } else if (ordered) {
    // A collection shown as itself keeps the order its reader gave it.
    fill = `INSERT INTO temp.hits (id, rank) SELECT a.id, coalesce((SELECT ci.position
         FROM collection_items ci WHERE ci.collection_id = ? AND ci.article_id = a.id), 0)
       FROM articles a ${cond}`
    params.unshift(listId)
  } else {
    fill = `INSERT INTO temp.hits (id, rank) SELECT a.id, 0 FROM articles a ${cond}`
  }
  return { q, match, fill, params, ordered, warnings }
}

function fillHits(db: Archive, p: Prepared): number[] {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, rank REAL NOT NULL)`)
  db.exec(`DELETE FROM temp.hits`)
  stmt(db, p.fill).run(...p.params)
  return stmt(db, `SELECT id FROM temp.hits`).pluck().all() as number[]
}

/**
 * One search: the matching ids go once into a temporary table, and the page, the total and the
 * facets are all read from it, so the full-text match runs once however many facets are shown.
 */
export function searchArchive(
  db: Archive,
  req: SearchRequest,
  owner: string = LOCAL_OWNER,
): SearchResult {
  const p = prepare(db, req, owner)
  if ('result' in p) return p.result
  const warnings = p.warnings.length ? { warnings: p.warnings } : {}
  return db.transaction(() => {
    const ids = fillHits(db, p)
    const hits = page(db, p, req, owner)
    return { total: ids.length, hits, facets: facetsOf(db, ids), ...warnings }
  })()
}

/** Every article id the query matches, in no order (selections, counts); [] when none can. */
export function matchingIds(db: Archive, query: string, owner: string = LOCAL_OWNER): number[] {
  const p = prepare(db, { query }, owner)
  if ('result' in p) return []
  return db.transaction(() => fillHits(db, p))()
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

function page(db: Archive, p: Prepared, req: SearchRequest, owner: string): SearchHit[] {
  const { q } = p
  const ranked = p.match !== null
  const sort = req.sort ?? 'relevance'
  const order = ORDER[sort === 'relevance' && !ranked && !p.ordered ? 'newest' : sort]
  // Order and cut on the small rows first, then fetch the long texts of the page alone: sorting
  // tens of thousands of rows that carry their bodies would cost most of a search.
  const ids = stmt(
    db,
    `SELECT h.id FROM temp.hits h ${order.includes('a.') ? 'JOIN articles a ON a.id = h.id' : ''}
      ORDER BY ${order} LIMIT ? OFFSET ?`,
  )
    .pluck()
    .all(req.limit ?? 20, req.offset ?? 0) as number[]
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
    return {
      id: r.id,
      title: r.title,
      date: r.date,
      tags: JSON.parse(r.tags ?? '[]') as string[],
      categories: JSON.parse(r.categories ?? '[]') as string[],
      lang: r.lang,
      sourceName: r.source_name,
      sourceUrl: r.source_url,
      path: r.path,
      thumbnail: storedThumbnailOf(db, r.id),
      read: r.read === 1,
      snippet: ranked
        ? snippetFor(r.markdown, q)
        : makeSnippet(r.summary || r.markdown.slice(0, 2000), q),
    }
  })
}

// Articles run up to hundreds of KB (inline images, long tables): look for the snippet in the
// opening first, where a match usually is, and read the whole text only when it is not there.
const SNIPPET_HEAD = 20_000

function snippetFor(markdown: string, q: ParsedQuery): MarkedText {
  if (markdown.length <= SNIPPET_HEAD) return makeSnippet(markdown, q)
  const head = makeSnippet(markdown.slice(0, SNIPPET_HEAD), q)
  return head.marks.length > 0 ? head : makeSnippet(markdown, q)
}
