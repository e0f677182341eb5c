import type { Database, Statement } from 'better-sqlite3'

// Preparing a statement costs more than running it; the import path runs the same few
// statements hundreds of thousands of times, so each connection keeps its prepared ones.
const cache = new WeakMap<Database, Map<string, Statement>>()

/**
 * The connection's prepared statement for `sql`, in better-sqlite3's default mode (rows as
 * objects). `pluck()`, `raw()` and `expand()` change a statement for good, and the cache shares
 * it between every caller of the same SQL: without the reset, one caller's `.pluck()` would hand
 * the next caller numbers where it reads `row.column` (emptying the trash once read
 * `undefined` for every id, after the Annotations view had plucked the same query).
 */
export function stmt(db: Database, sql: string): Statement {
  let byDb = cache.get(db)
  if (!byDb) cache.set(db, (byDb = new Map()))
  let s = byDb.get(sql)
  if (!s) byDb.set(sql, (s = db.prepare(sql)))
  // each turns off only its own mode; statements that return no rows have none to turn off
  else if (s.reader) s.pluck(false).raw(false).expand(false)
  return s
}
