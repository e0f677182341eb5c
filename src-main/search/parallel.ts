import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import type { MarkedText, SearchHit, SearchRequest, SearchResult } from '../shared/search-types'
import type { ParsedQuery } from '../shared/query'
import { LOCAL_OWNER } from '../db/annotations'
import type { IdReader } from './id-reader'
import { hasSearch, keepSearch } from './result-cache'
import { firstOfEachStory, storyOf } from './stories'
import { halvesRead, joined, lowerShare, readLowerIfLeft, type HalvesRead } from './id-halves'
import { hitsCut } from './id-split'
import { pageByDate, readyFacetIndex } from './facet-index'
import { hitSnippet } from './snippet'
import { markdownOf } from '../db/story-store'
import {
  lastArticleId,
  matchedSql,
  page,
  prepare,
  RANK_CAP,
  RANKED_HEAD,
  rankedHead,
  searchArchive,
  searchKey,
  type MadePage,
  type SearchOptions,
} from './search'

/**
 * searchArchive, using both cores. The matching ids (the total and the facets need them all; a
 * common two-character word is one phrase of two very common characters, and reading its ids
 * reads both of their position lists whole) are read in two parts by rowid, each by whichever
 * thread comes to it first (id-halves.ts): by relevance this thread first ranks the first pages
 * and makes the page, then (in a large archive) takes the older part if the worker has left it;
 * in date order (which needs every id before its first page) both start at once.
 *
 * The answer is searchArchive's to the byte: the ids (and the ranked head) are kept as the
 * search's (result-cache.ts), the page made meanwhile is handed over once, and searchArchive
 * answers from them. Anything else (filters, a page past the ranked head, a reader not up yet,
 * a failure, the archive changing meanwhile) is searchArchive's as it was.
 */
export async function searchArchiveAsync(
  db: Archive,
  req: SearchRequest,
  opts: SearchOptions = {},
  reader: IdReader | null = null,
): Promise<SearchResult> {
  const sync = () => searchArchive(db, req, opts)
  if (!reader?.ready || db.memory || reader.file !== db.name) return sync()
  const cap = opts.rankCap ?? RANK_CAP
  const p = prepare(db, req, opts.owner ?? LOCAL_OWNER)
  if (
    'result' in p ||
    p.match === null ||
    // the ids read below are the whole list's only without filters and trash
    p.onMatch !== '' ||
    p.listId !== null
  ) {
    return sync()
  }
  const [matched, args] = matchedSql(p)
  const key = searchKey(cap, matched, args)
  if (hasSearch(db, key)) return sync()
  const gen = generation(db)
  const sort = req.sort ?? 'relevance'
  if (sort !== 'relevance') {
    const ids = await bothHalves(db, reader, p.match)
    if (!ids || !keepSearch(db, key, { ids }, gen)) return sync()
    // the page, as searchArchive takes it off the date order (the first version of each story,
    // grouped), with its snippets cut on both threads (the worker is done with its half of the ids)
    const idx = readyFacetIndex(db)
    if (!idx) return sync()
    const owner = opts.owner ?? LOCAL_OWNER
    const [offset, limit] = [req.offset ?? 0, req.limit ?? 20]
    const pageIds = req.group
      ? firstOfEachStory((n) => pageByDate(idx, ids, sort, 0, n), storyOf(db), offset, limit)
      : pageByDate(idx, ids, sort, offset, limit)
    const madePage = await pageOnBoth(db, reader, p.q, pageIds, owner)
    // (a change to the archive while the snippets were cut: the page may be stale)
    if (generation(db) !== gen) return sync()
    return searchArchive(db, req, { ...opts, madePage })
  }
  if ((req.offset ?? 0) + (req.limit ?? 20) > RANKED_HEAD || cap < RANKED_HEAD) return sync()
  // the worker starts on the ids at once; this thread ranks the head and makes the page (its
  // snippets: most of what is left), then, in a large archive, reads the older part of the ids
  // if the worker has not come to it yet (id-halves.ts)
  const last = lastArticleId(db)
  const share = lowerShare('relevance', last, opts.shareIdsFrom)
  const read = halvesRead(p.match, last, share, hitsCut(readyFacetIndex(db), p.match))
  const theirs = reader.readHalves(read)
  // (awaited below; a failure before that must not go unhandled)
  theirs.catch(() => undefined)
  let ranked: number[]
  try {
    ranked = rankedHead(db, p.match, cap)
  } catch {
    // (a query FTS5 refuses: searchArchive says so as it always has)
    return sync()
  }
  const owner = opts.owner ?? LOCAL_OWNER
  const ids = req.group ? firstStories(db, ranked, req) : pageOf(ranked, req)
  const madePage = ids && (await pageOnBoth(db, reader, p.q, ids, owner))
  const all = await bothParts(db, read, theirs)
  if (!all || !keepSearch(db, key, { ids: all, ranked }, gen)) return sync()
  if (!madePage) return sync()
  return searchArchive(db, req, { ...opts, madePage })
}

/** Every id `match` finds, ascending, read by both threads at once (id-halves.ts). Null when
 * either fails (the search then reads them itself). */
function bothHalves(db: Archive, reader: IdReader, match: string): Promise<Int32Array | null> {
  const last = lastArticleId(db)
  const read = halvesRead(
    match,
    last,
    lowerShare('date', last),
    hitsCut(readyFacetIndex(db), match),
  )
  const theirs = reader.readHalves(read)
  theirs.catch(() => undefined)
  return bothParts(db, read, theirs)
}

/** This thread's part of a read in two parts (if the worker left it one), then the worker's:
 * every id, ascending. Null when either fails. */
async function bothParts(
  db: Archive,
  read: HalvesRead,
  theirs: Promise<Int32Array>,
): Promise<Int32Array | null> {
  try {
    const mine = readLowerIfLeft(db, read)
    // (below LARGE this thread's part is empty: the worker's list is the whole one)
    return mine?.length ? joined(mine, await theirs) : await theirs
  } catch {
    return null
  }
}

/**
 * The page of a search for words (by relevance or in date order, its snippets cut around the
 * words), made for searchArchive's answer. The snippets are most of a page's work (lexing,
 * folding and matching each opening): this thread cuts them from the first one on while the
 * worker, once it is done with the ids, cuts them from the last one back, each claimed first,
 * until they meet (id-reader.ts). This thread waits only for the worker's last snippet when they
 * meet, never for a worker still reading ids: `的` at 100,000 articles, whose ids the worker was
 * still reading when this thread had ranked, had this thread cut all 50 (22 ms).
 */
async function pageOnBoth(
  db: Archive,
  reader: IdReader,
  q: ParsedQuery,
  ids: number[],
  owner: string,
): Promise<MadePage> {
  const made = (hits: SearchHit[]) => ({ q: JSON.stringify(q), ids, ranked: true, owner, hits })
  if (ids.length < 2) return made(page(db, q, ids, true, owner))
  const claims = new Int32Array(new SharedArrayBuffer(4 * ids.length))
  const cutting = reader.snippets(ids, q, claims)
  cutting.catch(() => undefined)
  const cut = new Map<number, MarkedText>()
  let i = 0
  for (; i < ids.length && Atomics.compareExchange(claims, i, 0, 1) === 0; i++) {
    cut.set(ids[i]!, hitSnippet(markdownOf(db, ids[i]!), q))
  }
  if (i < ids.length) {
    try {
      const theirs = await cutting
      theirs.forEach((s, k) => s && cut.set(ids[k]!, s))
    } catch {
      // the worker failed: page() cuts the ones missing here
    }
  }
  return made(page(db, q, ids, true, owner, undefined, cut))
}

const pageOf = (ranked: number[], req: SearchRequest) =>
  ranked.slice(req.offset ?? 0, (req.offset ?? 0) + (req.limit ?? 20))

/** The page of a list grouped by story, from the ranked head; null when the head holds too few
 * stories for it (then searchArchive ranks further, with the ids). */
function firstStories(db: Archive, ranked: number[], req: SearchRequest): number[] | null {
  try {
    return firstOfEachStory(
      (n) => {
        // the head is the whole list when it is shorter than RANKED_HEAD
        if (n > ranked.length && ranked.length === RANKED_HEAD) throw BEYOND
        return ranked.slice(0, n)
      },
      storyOf(db),
      req.offset ?? 0,
      req.limit ?? 20,
    )
  } catch (e) {
    if (e === BEYOND) return null
    throw e
  }
}
const BEYOND = new Error('past the ranked head')
