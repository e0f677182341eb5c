import type { Archive } from '../db/open'
import { foundPhrases } from './fts'

// Title matches weigh ten times body matches (columns: title, body).
const WEIGHTS = '10.0, 1.0'
const BM25 = `bm25(articles_fts, ${WEIGHTS})`
const LECTERN_RANK = `lectern_rank(articles_fts, ${WEIGHTS})`

// The ranking extension's file (native/lectern_rank.c, built by bin/build-rank.js), which the
// service sets once it has found it (api/open-service.ts); null: not built, or not looked for.
let extension: string | null = null

/** Which ranking extension this process's connections load (null: none, bm25 only). */
export function useRankExtension(file: string | null): void {
  extension = file
}

const ranks = new WeakMap<Archive, string>()

/**
 * The SQL ranking search's hits for this connection, best first when ascending: lectern_rank()
 * (bm25 without its first pass over a one-phrase query's hits) once the extension is loaded into
 * the connection, FTS5's bm25() with the same weights when it is not built or will not load.
 * Both order hits the same (rank.test.ts).
 */
export function rankSql(db: Archive, file: string | null = extension): string {
  const known = ranks.get(db)
  if (known) return known
  let sql = BM25
  if (file) {
    try {
      db.loadExtension(file)
      sql = LECTERN_RANK
    } catch {
      // (a file built for another machine, say): bm25 ranks the same, only slower
    }
  }
  ranks.set(db, sql)
  return sql
}

/** The ranking for one search (its FTS5 match): rankSql, told how many of the match's phrases
 * can be in a hit when words are left out (`a NOT b`: lectern_rank then skips counting those it
 * need not, see native/lectern_rank.c; bm25 is given nothing more and counts them all). */
export function rankOf(db: Archive, match: string): string {
  const sql = rankSql(db)
  const found = foundPhrases(match)
  return found === null || sql !== LECTERN_RANK ? sql : `${sql.slice(0, -1)}, ${found})`
}
