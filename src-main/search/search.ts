import type { Archive } from '../db/open'
import type { MarkedText, SearchHit, SearchRequest, SearchResult } from '../shared/search-types'
import { parseQuery, type ParsedQuery } from '../shared/query'
import { toFtsMatch } from './fts'
import { filterSql } from './filters'
import { makeSnippet } from './snippet'
import { stmt } from '../db/stmt'
import { facetsOf } from './facet-index'
import { storedThumbnailOf } from '../db/images'
import { wireError } from '../shared/errors'
import { storiesOf } from '../db/story-clusters'

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

/**
 * One search: the matching ids go once into a temporary table, and the page, the total and the
 * facets are all read from it, so the full-text match runs once however many facets are shown.
 */
export function searchArchive(db: Archive, req: SearchRequest): SearchResult {
  const q = parseQuery(req.query)
  const { match, exclude } = toFtsMatch(q)
  const warnings = q.warnings.length ? { warnings: q.warnings } : {}
  // Something was typed, but nothing in it can be searched for (only punctuation, emoji…): an
  // empty list with a reason, not the whole archive.
  const noFilters = q.exclude.length + q.filters.length === 0 && !q.after && !q.before
  if (match === null && (q.groups.length > 0 || (noFilters && req.query.trim() !== ''))) {
    return {
      total: 0,
      hits: [],
      error: wireError({ code: 'unsearchable-query' }),
      ...warnings,
    }
  }
  const { where, params } = filterSql(q)
  if (exclude) {
    where.push('a.id NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)')
    params.push(exclude)
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  // bm25 over every match is the dearest part of a search for a common word: only when needed.
  const rank = (req.sort ?? 'relevance') === 'relevance' ? RANK : '0'
  const fill = match
    ? `INSERT INTO temp.hits (id, rank)
         SELECT m.id, m.rank FROM (SELECT rowid AS id, ${rank} AS rank FROM articles_fts
           WHERE articles_fts MATCH ?) m ${cond ? `JOIN articles a ON a.id = m.id ${cond}` : ''}`
    : `INSERT INTO temp.hits (id, rank) SELECT a.id, 0 FROM articles a ${cond}`
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, rank REAL NOT NULL, cluster INTEGER)`,
  )
  return db.transaction(() => {
    db.exec(`DELETE FROM temp.hits`)
    stmt(db, fill).run(...(match ? [match, ...params] : params))
    const ids = stmt(db, `SELECT id FROM temp.hits`).pluck().all() as number[]
    // each hit's story, only when grouping: an article without a cluster row is a story alone
    if (req.group) stmt(db, CLUSTER_OF_HITS).run()
    const total = req.group
      ? (stmt(db, `SELECT count(DISTINCT cluster) FROM temp.hits`).pluck().get() as number)
      : ids.length
    const hits = page(db, q, req, match !== null)
    // facets count articles, grouped or not
    return { total, hits, facets: facetsOf(db, ids), ...warnings }
  })()
}

const CLUSTER_OF_HITS = `UPDATE temp.hits SET cluster = coalesce(
  (SELECT cluster_id FROM story_members WHERE article_id = temp.hits.id), temp.hits.id)`

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
}

function page(db: Archive, q: ParsedQuery, req: SearchRequest, ranked: boolean): SearchHit[] {
  const sort = req.sort ?? 'relevance'
  const order = ORDER[sort === 'relevance' && !ranked ? 'newest' : sort]
  // Order and cut on the small rows first, then fetch the long texts of the page alone: sorting
  // tens of thousands of rows that carry their bodies would cost most of a search.
  const join = order.includes('a.') ? 'JOIN articles a ON a.id = h.id' : ''
  // grouped: the first hit of each story in this order stands for it (window functions read
  // the hits once; the page is cut after)
  const sql = req.group
    ? `SELECT id FROM (SELECT h.id, h.rank, ${join ? 'a.date' : 'NULL AS date'},
         row_number() OVER (PARTITION BY h.cluster ORDER BY ${order}) AS n
         FROM temp.hits h ${join}) r
       WHERE n = 1 ORDER BY ${order.replace(/\b[ah]\./g, 'r.')} LIMIT ? OFFSET ?`
    : `SELECT h.id FROM temp.hits h ${join} ORDER BY ${order} LIMIT ? OFFSET ?`
  const ids = stmt(db, sql)
    .pluck()
    .all(req.limit ?? 20, req.offset ?? 0) as number[]
  const stories = storiesOf(db, ids)
  const detail = stmt(
    db,
    `SELECT a.id, a.title, a.date, a.lang, a.source_name, a.source_url, a.path, t.markdown, a.summary,
       (SELECT json_group_array(l.name) FROM article_labels al JOIN labels l ON l.id = al.label_id
         WHERE al.article_id = a.id AND l.kind = 'tag') AS tags,
       (SELECT json_group_array(l.name) FROM article_labels al JOIN labels l ON l.id = al.label_id
         WHERE al.article_id = a.id AND l.kind = 'category') AS categories
     FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`,
  )
  return ids.map((id) => {
    const r = detail.get(id) as HitRow
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
      snippet: ranked
        ? snippetFor(r.markdown, q)
        : makeSnippet(r.summary || r.markdown.slice(0, 2000), q),
      ...stories.get(r.id)!,
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
