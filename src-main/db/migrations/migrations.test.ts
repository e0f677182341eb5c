import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { currentVersion, latestVersion, migrate, migrations } from './index'

const tables = (db: Database.Database) =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all() as {
      name: string
    }[]
  ).map((r) => r.name)

describe('migrations', () => {
  it('are numbered from 1 in increasing order, each number once', () => {
    // numbers are handed out per branch, so user_version may jump over one not merged yet
    const versions = migrations.map((m) => m.version)
    expect(versions[0]).toBe(1)
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b))
  })

  it('0001 creates the article, label and file tables as STRICT tables', () => {
    const db = new Database(':memory:')
    migrate(db, 1)
    expect(currentVersion(db)).toBe(1)
    expect(tables(db)).toEqual(
      expect.arrayContaining(['articles', 'article_texts', 'labels', 'article_labels', 'files']),
    )
    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['articles', 'article_texts', 'labels', 'article_labels', 'files']) {
      expect(strict.find((r) => r.name === t)?.strict).toBe(1)
    }
    // STRICT means a wrong type is refused rather than silently stored.
    expect(() =>
      db.prepare(`INSERT INTO labels (kind, name, key) VALUES ('tag', 'a', zeroblob(1))`).run(),
    ).toThrow()
  })

  it('0002 adds the full-text index and fills it from existing articles', () => {
    const db = new Database(':memory:')
    migrate(db, 1)
    db.prepare(
      `INSERT INTO articles (title, path, folder, content_hash, bytes, imported_at)
       VALUES ('阿里巴巴 news', '/a.md', '/', 'h', 1, 'now')`,
    ).run()
    db.prepare(
      `INSERT INTO article_texts (article_id, markdown) VALUES (1, 'Body about elections')`,
    ).run()
    migrate(db, 2)
    expect(currentVersion(db)).toBe(2)
    const hit = (q: string) =>
      (db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).all(q) as unknown[])
        .length
    expect(hit('"阿 里"')).toBe(1)
    expect(hit('"election"')).toBe(1)
  })

  it('run to the latest version and are idempotent', () => {
    const db = new Database(':memory:')
    migrate(db)
    migrate(db)
    expect(currentVersion(db)).toBe(latestVersion)
  })

  it('roll back a failing migration as a whole', () => {
    const db = new Database(':memory:')
    migrate(db, 1)
    db.exec(`CREATE TABLE articles_fts (x)`) // collides with what 0002 creates
    expect(() => migrate(db, 2)).toThrow()
    expect(currentVersion(db)).toBe(1)
  })
})
