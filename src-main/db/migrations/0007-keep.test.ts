import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { putFile } from '../files'

const count = (db: Database.Database, t: string) =>
  (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n

describe('migration 0007-keep', () => {
  it('adds the user tables beside existing articles, which keep every value', () => {
    const db = archiveAt(3)
    const id = articleAdder(
      db,
      '2025-01-01T00:00:00Z',
    )({
      title: '新华社消息',
      date: '2025-02-13',
      lang: 'zh-CN',
      categories: ['时政'],
      tags: ['新華社'],
      sourceUrl: 'https://news.example/a',
      sourceName: '新华网',
      markdown: '正文',
      frontMatter: { title: '新华社消息' },
    })
    putFile(db, { path: '/n/1.md', articleId: id, contentHash: 'h1', size: 10, mtimeMs: 42 }, 'x')
    const before = db.prepare(`SELECT * FROM articles`).all()
    const labelsBefore = db.prepare(`SELECT * FROM article_labels`).all()

    migrate(db, 7)
    expect(currentVersion(db)).toBe(7)
    // Existing rows are untouched, and gain a source state that says "present".
    const after = db.prepare(`SELECT * FROM articles`).all() as Record<string, unknown>[]
    expect(after.map(({ source_missing: _missing, ...rest }) => rest)).toEqual(before)
    expect(after[0]!.source_missing).toBe(0)
    expect(db.prepare(`SELECT * FROM article_labels`).all()).toEqual(labelsBefore)
    expect(count(db, 'files')).toBe(1)

    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    const tables = [
      'article_edits',
      'label_aliases',
      'trash',
      'discarded_files',
      'revisions',
      'watched_folders',
      'undo_log',
      'backups',
    ]
    for (const t of tables) expect(strict.find((r) => r.name === t)?.strict, t).toBe(1)
    // The user's tables say whose rows they are.
    for (const t of ['article_edits', 'label_aliases', 'trash', 'watched_folders', 'undo_log']) {
      const cols = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map(
        (c) => c.name,
      )
      expect(cols, t).toContain('owner')
    }

    const edit = db.prepare(
      `INSERT INTO article_edits (article_id, field, value, edited_at) VALUES (?, ?, ?, 'now')`,
    )
    edit.run(id, 'title', JSON.stringify('改过的标题'))
    expect(() => edit.run(id, 'body', '"x"')).toThrow(/CHECK/)
    expect(() => edit.run(id, 'summary', 'not json')).toThrow(/CHECK/)
    expect(() => edit.run(999, 'summary', '"x"')).toThrow(/FOREIGN/)
    expect(() => db.prepare(`UPDATE articles SET source_missing = 2`).run()).toThrow(/CHECK/)
    db.prepare(`INSERT INTO trash (article_id, trashed_at) VALUES (?, 'now')`).run(id)
    expect(() =>
      db.prepare(`INSERT INTO trash (article_id, trashed_at) VALUES (?, 'now')`).run(id),
    ).toThrow(/UNIQUE|PRIMARY/)
    expect(db.prepare(`SELECT owner FROM trash`).get()).toEqual({ owner: 'user' })
  })

  it('rolls back as a whole when it cannot finish', () => {
    const db = archiveAt(6)
    const before = currentVersion(db)
    db.exec(`CREATE TABLE trash (x)`)
    expect(() => migrate(db, 7)).toThrow()
    expect(currentVersion(db)).toBe(before)
    expect(count(db, 'sqlite_master WHERE name = ?'.replace('?', "'article_edits'"))).toBe(0)
  })
})
