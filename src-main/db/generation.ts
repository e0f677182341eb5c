import type { Database } from 'better-sqlite3'

// Derived in-memory data (the facet index) must notice when the archive changes: by this
// connection (a counter bumped by the writers) or by another process (SQLite's data_version).
const counters = new WeakMap<Database, number>()

export function touch(db: Database): void {
  counters.set(db, (counters.get(db) ?? 0) + 1)
}

export function generation(db: Database): string {
  return `${counters.get(db) ?? 0}:${db.pragma('data_version', { simple: true }) as number}`
}
