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
  // grouping reads each hit's story as the hits are written (an article without a row is a
  // story alone); otherwise the column stays empty and costs nothing
  const story = (t: string) =>
    req.group ? `LEFT JOIN story_members sm ON sm.article_id = ${t}.id` : ''
  const cluster = (t: string) => (req.group ? `coalesce(sm.cluster_id, ${t}.id)` : 'NULL')
  const fill = match
    ? `INSERT INTO temp.hits (id, rank, cluster)
         SELECT m.id, m.rank, ${cluster('m')} FROM (SELECT rowid AS id, ${rank} AS rank
           FROM articles_fts WHERE articles_fts MATCH ?) m
           ${cond ? 'JOIN articles a ON a.id = m.id' : ''} ${story('m')} ${cond}`
    : `INSERT INTO temp.hits (id, rank, cluster)
         SELECT a.id, 0, ${cluster('a')} FROM articles a ${story('a')} ${cond}`
  db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS hits (id INTEGER PRIMARY KEY, rank REAL NOT NULL, cluster INTEGER)`,
  )
  return db.transaction(() => {
    db.exec(`DELETE FROM temp.hits`)
    stmt(db, fill).run(...(match ? [match, ...params] : params))
    const ids = stmt(db, `SELECT id FROM temp.hits`).pluck().all() as number[]
    const total = req.group
      ? (stmt(db, `SELECT count(DISTINCT cluster) FROM temp.hits`).pluck().get() as number)
      : ids.length
    const hits = page(db, q, req, match !== null)
    // facets count articles, grouped or not
    return { total, hits, facets: facetsOf(db, ids), ...warnings }
  })()
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
}

function page(db: Archive, q: ParsedQuery, req: SearchRequest, ranked: boolean): SearchHit[] {
  const sort = req.sort ?? 'relevance'
  const order = ORDER[sort === 'relevance' && !ranked ? 'newest' : sort]
  // Order and cut on the small rows first, then fetch the long texts of the page alone: sorting
  // tens of thousands of rows that carry their bodies would cost most of a search.
  const join = order.includes('a.') ? 'JOIN articles a ON a.id = h.id' : ''
  const limit = req.limit ?? 20
  const offset = req.offset ?? 0
  const ids = req.group
    ? firstOfEachStory(
        db,
        `SELECT h.id, h.cluster FROM temp.hits h ${join} ORDER BY ${order}`,
        offset,
        limit,
      )
    : (stmt(db, `SELECT h.id FROM temp.hits h ${join} ORDER BY ${order} LIMIT ? OFFSET ?`)
        .pluck()
        .all(limit, offset) as number[])
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

/**
 * Grouped: the first hit of each story in the list's order stands for it. The hits are read in
 * that order only as far as the page needs (most stories have one version), so a first page costs
 * about what an ungrouped one does; a sort over window functions read and sorted every hit.
 */
function firstOfEachStory(db: Archive, ordered: string, offset: number, limit: number): number[] {
  const read = stmt(db, `${ordered} LIMIT ?`).raw()
  for (let cap = (offset + limit) * 4; ; cap *= 8) {
    const rows = read.all(cap) as [number, number][]
    const seen = new Set<number>()
    const ids: number[] = []
    for (const [id, cluster] of rows) {
      if (seen.has(cluster)) continue
      seen.add(cluster)
      if (seen.size > offset) ids.push(id)
      if (ids.length === limit) return ids
    }
    if (rows.length < cap) return ids
  }
}
