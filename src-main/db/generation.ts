import type { Database, Statement } from 'better-sqlite3'
import { stmt } from './stmt'

// Derived in-memory data (the facet index) must notice when the archive changes: by this
// connection (a counter bumped by the writers) or by another process (SQLite's data_version).
// Derived data kept in the archive (the saved facet index, db/saved-facets.ts) needs a number
// that outlives the connection: the archive's stamp, moved by the same writers in the same
// transaction as their change.
const counters = new WeakMap<Database, number>()
const bumps = new WeakMap<Database, Statement>()

export function touch(db: Database): void {
  counters.set(db, (counters.get(db) ?? 0) + 1)
  stampBump(db)?.run()
}

/** The archive's stamp (0 in an archive older than migration 0012). */
export function stamp(db: Database): number {
  if (!hasStamp(db)) return 0
  return stmt(db, `SELECT n FROM archive_stamp`).pluck().get() as number
}

export function generation(db: Database): string {
  return `${counters.get(db) ?? 0}:${db.pragma('data_version', { simple: true }) as number}`
}

function stampBump(db: Database): Statement | null {
  let s = bumps.get(db)
  // (an archive being migrated, or a test's older one, has no stamp yet: nothing kept to spoil)
  if (!s && hasStamp(db)) bumps.set(db, (s = stmt(db, `UPDATE archive_stamp SET n = n + 1`)))
  return s ?? null
}

const hasStamp = (db: Database): boolean =>
  stmt(db, `SELECT 1 FROM sqlite_schema WHERE name = 'archive_stamp'`).get() !== undefined
