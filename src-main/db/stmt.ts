import type { Database, Statement } from 'better-sqlite3'

// Preparing a statement costs more than running it; the import path runs the same few
// statements hundreds of thousands of times, so each connection keeps its prepared ones.
const cache = new WeakMap<Database, Map<string, Statement>>()

export function stmt(db: Database, sql: string): Statement {
  let byDb = cache.get(db)
  if (!byDb) cache.set(db, (byDb = new Map()))
  let s = byDb.get(sql)
  if (!s) byDb.set(sql, (s = db.prepare(sql)))
  return s
}
