import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'

describe('migration 0005-annotations', () => {
  it('adds owned highlight and note tables beside existing articles, which stay as they were', () => {
    const db = archiveAt(3)
    const id = articleAdder(
      db,
      '2025-03-01T00:00:00Z',
    )({
      title: '阿里巴巴财报',
      date: '2025-02-13T19:47:22',
      lang: 'zh-CN',
      tags: ['科技'],
      sourceUrl: 'https://new.qq.com/rain/a/1',
      sourceName: 'qq',
      markdown: '云计算收入增长百分之十三。分析师表示，人工智能需求强劲。',
      frontMatter: { title: '阿里巴巴财报' },
    })
    const before = db.prepare(`SELECT * FROM articles`).all()
    migrate(db, 5)
    expect(currentVersion(db)).toBe(5)
    expect(db.prepare(`SELECT * FROM articles`).all()).toEqual(before)

    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['highlights', 'article_notes']) {
      expect(strict.find((r) => r.name === t)?.strict, t).toBe(1)
    }

    const add = db.prepare(
      `INSERT INTO highlights (owner, article_id, quote, prefix, suffix, start_pos, end_pos, color,
         note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'now', 'now')`,
    )
    add.run('local', id, '人工智能需求强劲', '分析师表示，', '。', 19, 27, 'yellow', '关键')
    add.run('alice', id, '云计算', '', '收入', 0, 3, 'pink', null)
    expect(db.prepare(`SELECT owner, quote, orphaned FROM highlights ORDER BY id`).all()).toEqual([
      { owner: 'local', quote: '人工智能需求强劲', orphaned: 0 },
      { owner: 'alice', quote: '云计算', orphaned: 0 },
    ])
    // Checked: colours, offsets, an owner, a quote, an existing article.
    expect(() => add.run('local', id, 'x', '', '', 0, 1, 'red', null)).toThrow(/CHECK/)
    expect(() => add.run('local', id, 'x', '', '', 5, 5, 'blue', null)).toThrow(/CHECK/)
    expect(() => add.run('', id, 'x', '', '', 0, 1, 'blue', null)).toThrow(/CHECK/)
    expect(() => add.run('local', id, '', '', '', 0, 1, 'blue', null)).toThrow(/CHECK/)
    expect(() => add.run('local', 999, 'x', '', '', 0, 1, 'blue', null)).toThrow(/FOREIGN/)

    const note = db.prepare(
      `INSERT INTO article_notes (owner, article_id, note, created_at, updated_at)
       VALUES (?, ?, ?, 'now', 'now')`,
    )
    note.run('local', id, '追踪此事')
    note.run('alice', id, 'her own')
    // One note per article per reader.
    expect(() => note.run('local', id, 'again')).toThrow(/UNIQUE/)

    // An article with a reader's highlights or notes cannot vanish and take them along.
    expect(() => db.prepare(`DELETE FROM articles WHERE id = ?`).run(id)).toThrow(/FOREIGN/)
    expect(db.prepare(`SELECT count(*) AS n FROM highlights`).get()).toEqual({ n: 2 })
    expect(db.prepare(`SELECT count(*) AS n FROM article_notes`).get()).toEqual({ n: 2 })
  })
})
