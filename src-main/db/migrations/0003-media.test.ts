import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { putFile } from '../files'

describe('migration 0003-media', () => {
  it('adds the media store tables, STRICT, tied to their articles', () => {
    const db = archiveAt(2)
    const id = articleAdder(db)({ title: 'With pictures', markdown: '![](img/a.png)' })
    putFile(db, { path: '/n/1.md', articleId: id, contentHash: 'h', size: 1, mtimeMs: 42 }, 'now')
    migrate(db, 3)
    expect(currentVersion(db)).toBe(3)

    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['media', 'image_refs']) {
      expect(strict.find((r) => r.name === t)?.strict, t).toBe(1)
    }
    const indexes = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index'`).all() as { name: string }[]
    ).map((r) => r.name)
    expect(indexes).toEqual(
      expect.arrayContaining(['image_refs_url', 'image_refs_status', 'image_refs_hash']),
    )

    const hash = 'a'.repeat(64)
    db.prepare(`INSERT INTO media VALUES (?, 'image/png', 10, 'now')`).run(hash)
    const ref = db.prepare(
      `INSERT INTO image_refs (article_id, src, url, kind, status, hash) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    ref.run(id, 'img/a.png', '/n/img/a.png', 'local', 'stored', hash)
    // Checked: kinds, statuses, hash shape, and the picture must exist.
    expect(() => ref.run(id, 'x', 'x', 'inline', 'stored', hash)).toThrow(/CHECK/)
    expect(() => ref.run(id, 'y', 'y', 'remote', 'fetched', null)).toThrow(/CHECK/)
    expect(() => ref.run(id, 'z', 'z', 'remote', 'stored', 'b'.repeat(64))).toThrow(/FOREIGN/)
    expect(() =>
      db.prepare(`INSERT INTO media VALUES ('abc', 'image/png', 1, 'now')`).run(),
    ).toThrow(/CHECK/)
    // One row per source in an article.
    expect(() => ref.run(id, 'img/a.png', 'other', 'local', 'failed', null)).toThrow(/UNIQUE/)

    // Files imported before are read again on the next import, which lists their pictures.
    expect(db.prepare(`SELECT mtime_ms FROM files`).get()).toEqual({ mtime_ms: -1 })

    db.prepare(`DELETE FROM articles WHERE id = ?`).run(id)
    expect(db.prepare(`SELECT count(*) AS n FROM image_refs`).get()).toEqual({ n: 0 })
    // Pictures stay (another article may use them); only references go with their article.
    expect(db.prepare(`SELECT count(*) AS n FROM media`).get()).toEqual({ n: 1 })
  })
})
