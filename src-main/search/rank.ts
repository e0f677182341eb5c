import type { Archive } from '../db/open'
import { extensionFile, hasExtension } from '../db/extension'
import { foundPhrases } from './fts'

// Title matches weigh ten times body matches (columns: title, body).
const WEIGHTS = '10.0, 1.0'
const BM25 = `bm25(articles_fts, ${WEIGHTS})`
const LECTERN_RANK = `lectern_rank(articles_fts, ${WEIGHTS})`

/**
 * The SQL ranking search's hits for this connection, best first when ascending: lectern_rank()
 * (bm25 without its first pass over a one-phrase query's hits) once the extension is loaded into
 * the connection (db/extension.ts), FTS5's bm25() with the same weights when it is not built or
 * will not load. Both order hits the same (rank.test.ts).
 */
export function rankSql(db: Archive, file: string | null = extensionFile()): string {
  return hasExtension(db, file) ? LECTERN_RANK : BM25
}

/** The ranking for one search (its FTS5 match): rankSql, told how many of the match's phrases
 * can be in a hit when words are left out (`a NOT b`: lectern_rank then skips counting those it
 * need not, see native/lectern_rank.c; bm25 is given nothing more and counts them all). */
export function rankOf(db: Archive, match: string): string {
  const sql = rankSql(db)
  const found = foundPhrases(match)
  return found === null || sql !== LECTERN_RANK ? sql : `${sql.slice(0, -1)}, ${found})`
}
