import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'

const HASH = 'scrypt$1024$8$1$c2FsdA==$a2V5'

describe('migration 0008-accounts', () => {
  it('adds users, sessions and tokens as STRICT tables beside the articles, which stay', () => {
    const db = archiveAt(3)
    const id = articleAdder(db)({
      title: 'Kept',
      date: '2025-02-13',
      lang: 'en',
      tags: ['x'],
      markdown: 'Body text.',
    })
    migrate(db, 7)
    const before = db.prepare(`SELECT * FROM articles`).all()
    migrate(db, 8)
    expect(currentVersion(db)).toBe(8)
    expect(db.prepare(`SELECT * FROM articles`).all()).toEqual(before)
    expect(
      (db.prepare(`SELECT title FROM articles WHERE id = ?`).get(id) as { title: string }).title,
    ).toBe('Kept')

    const list = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['users', 'sessions', 'api_tokens']) {
      expect(list.find((r) => r.name === t)?.strict, t).toBe(1)
    }
  })

  it('holds only hashes, known roles, and drops sessions and tokens with their account', () => {
    const db = archiveAt(8)
    const user = db.prepare(
      `INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, 'now')`,
    )
    user.run('ann', 'reader', HASH)
    expect(() => user.run('bob', 'owner', HASH)).toThrow(/CHECK/)
    expect(() => user.run('bob', 'reader', 'plain text password')).toThrow(/CHECK/)
    expect(() => user.run('ann', 'reader', HASH)).toThrow(/UNIQUE/)
    db.prepare(`INSERT INTO sessions VALUES (?, 'ann', 'now', 'later')`).run('a'.repeat(64))
    expect(() =>
      db.prepare(`INSERT INTO sessions VALUES (?, 'ann', 'now', 'later')`).run('short'),
    ).toThrow(/CHECK/)
    db.prepare(
      `INSERT INTO api_tokens (token_hash, user_name, role, created_at) VALUES (?, 'ann', 'editor', 'now')`,
    ).run('b'.repeat(64))
    expect(() =>
      db
        .prepare(
          `INSERT INTO api_tokens (token_hash, user_name, role, created_at) VALUES (?, 'ann', 'admin', 'now')`,
        )
        .run('c'.repeat(64)),
    ).toThrow(/CHECK/)
    db.prepare(`DELETE FROM users WHERE name = 'ann'`).run()
    expect(db.prepare(`SELECT count(*) AS n FROM sessions`).get()).toEqual({ n: 0 })
    expect(db.prepare(`SELECT count(*) AS n FROM api_tokens`).get()).toEqual({ n: 0 })
  })
})
