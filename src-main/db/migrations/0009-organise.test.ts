import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'

const article = (title: string) => ({
  title,
  date: '2026-07-30T16:04:22',
  lang: 'zh-CN',
  categories: ['新闻'],
  tags: ['台风'],
  sourceUrl: 'https://new.qq.com/rain/a/1',
  sourceName: 'qq',
  markdown: `${title}：台风“竹节草”在浙江登陆，多地停课。`,
  frontMatter: { title },
})

describe('migration 0009-organise', () => {
  it('adds owned collections, saved searches and reading status beside articles that stay as they were', () => {
    const db = archiveAt(7) // the migration before this one (0007-keep)
    const add = articleAdder(db)
    const a = add(article('台风登陆'), '2026-07-30T00:00:00.000Z')
    const b = add(article('停课通知'), '2026-07-31T00:00:00.000Z')
    const before = {
      articles: db.prepare(`SELECT * FROM articles ORDER BY id`).all(),
      texts: db.prepare(`SELECT * FROM article_texts ORDER BY article_id`).all(),
      fts: db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH '"台 风"'`).all(),
    }

    migrate(db, 9)
    expect(currentVersion(db)).toBe(9)
    expect(db.prepare(`SELECT * FROM articles ORDER BY id`).all()).toEqual(before.articles)
    expect(db.prepare(`SELECT * FROM article_texts ORDER BY article_id`).all()).toEqual(
      before.texts,
    )
    expect(
      db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH '"台 风"'`).all(),
    ).toEqual(before.fts)

    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['collections', 'collection_items', 'saved_searches', 'reading_status']) {
      expect(strict.find((r) => r.name === t)?.strict, t).toBe(1)
    }

    // Two readers may both have a "台风 2026"; one reader may not have it twice.
    const col = db.prepare(`INSERT INTO collections (owner, name, created_at) VALUES (?, ?, 'now')`)
    const mine = Number(col.run('local', '台风 2026').lastInsertRowid)
    col.run('alice', '台风 2026')
    expect(() => col.run('local', '台风 2026')).toThrow(/UNIQUE/)
    expect(() => col.run('', 'x')).toThrow(/CHECK/)
    expect(() => col.run('local', '  ')).toThrow(/CHECK/)

    const item = db.prepare(
      `INSERT INTO collection_items (collection_id, article_id, position, added_at)
       VALUES (?, ?, ?, 'now')`,
    )
    item.run(mine, b, 0)
    item.run(mine, a, 1)
    expect(() => item.run(mine, a, 2)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => item.run(mine, 999, 2)).toThrow(/FOREIGN/)
    expect(
      db
        .prepare(
          `SELECT article_id FROM collection_items WHERE collection_id = ? ORDER BY position`,
        )
        .pluck()
        .all(mine),
    ).toEqual([b, a])

    const saved = db.prepare(
      `INSERT INTO saved_searches (owner, name, query, sort, created_at, last_opened)
       VALUES (?, ?, ?, ?, 'now', 'now')`,
    )
    saved.run('local', 'AI 早报', 'tag:AI after:2026', 'newest')
    expect(() => saved.run('local', 'x', 'q', 'sideways')).toThrow(/CHECK/)

    const status = db.prepare(
      `INSERT INTO reading_status (owner, article_id, read, position, updated_at)
       VALUES (?, ?, ?, ?, 'now')`,
    )
    status.run('local', a, 1, 0.4)
    status.run('alice', a, 0, null)
    expect(() => status.run('local', a, 0, 0)).toThrow(/UNIQUE|PRIMARY/)
    expect(() => status.run('local', b, 2, 0)).toThrow(/CHECK/)
    expect(() => status.run('local', b, 0, 1.5)).toThrow(/CHECK/)

    // Deleting a list takes its items, never the articles; an article in a reader's list or
    // with a reader's place cannot vanish and take them along.
    expect(() => db.prepare(`DELETE FROM articles WHERE id = ?`).run(a)).toThrow(/FOREIGN/)
    db.prepare(`DELETE FROM collections WHERE id = ?`).run(mine)
    expect(db.prepare(`SELECT count(*) FROM collection_items`).pluck().get()).toBe(0)
    expect(db.prepare(`SELECT count(*) FROM articles`).pluck().get()).toBe(2)
    expect(db.prepare(`SELECT count(*) FROM reading_status`).pluck().get()).toBe(2)
  })
})
