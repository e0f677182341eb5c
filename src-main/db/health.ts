import { stmt } from './stmt'
import type { Archive } from './open'

/** SQLite's own checks: page structure, indexes, and foreign keys. Empty when all is well. */
export function integrityProblems(db: Archive): string[] {
  const rows = db.pragma('integrity_check(50)') as { integrity_check: string }[]
  const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok')
  const fk = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
  for (const r of fk) problems.push(`${r.table} row ${r.rowid} points to a missing ${r.parent}`)
  try {
    db.prepare(`INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`).run()
  } catch (e) {
    problems.push(`full-text index: ${(e as Error).message}`)
  }
  return problems
}

/** Rebuilds every index from its table (what can be repaired of a damaged index). */
export function reindex(db: Archive): void {
  db.exec('REINDEX')
}

/** The full-text index holds exactly one row per article: what is missing, what is extra. */
export function searchIndexGaps(db: Archive): { missing: number; extra: number } {
  const n = (sql: string) => (stmt(db, sql).get() as { n: number }).n
  return {
    missing: n(
      `SELECT count(*) AS n FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts)`,
    ),
    extra: n(`SELECT count(*) AS n FROM articles_fts WHERE rowid NOT IN (SELECT id FROM articles)`),
  }
}

/** Pictures the archive keeps (hash and type), with whether any article still uses each. */
export function storedMedia(db: Archive): { hash: string; mime: string; used: number }[] {
  return stmt(
    db,
    `SELECT m.hash, m.mime, EXISTS (SELECT 1 FROM image_refs r WHERE r.hash = m.hash) AS used
       FROM media m`,
  ).all() as { hash: string; mime: string; used: number }[]
}

export function forgetMedia(db: Archive, hash: string): void {
  stmt(
    db,
    `DELETE FROM media WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM image_refs WHERE hash = ?)`,
  ).run(hash, hash)
}

/**
 * A picture whose file is gone: its uses go back to "missing" (a download fetches a remote one
 * again), and the files that used a local one are read again on the next import, which copies it.
 */
export function markMediaLost(db: Archive, hash: string): number {
  stmt(
    db,
    `UPDATE files SET mtime_ms = -1
      WHERE article_id IN (SELECT article_id FROM image_refs WHERE hash = ? AND kind = 'local')`,
  ).run(hash)
  const n = stmt(
    db,
    `UPDATE image_refs SET status = 'missing', hash = NULL,
       error = 'the stored file was lost; fetched or copied again'
      WHERE hash = ?`,
  ).run(hash).changes
  stmt(db, `DELETE FROM media WHERE hash = ?`).run(hash)
  return n
}
