import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { putFile } from '../files'
import { saveArticleImages } from '../images'

const article = (title: string, markdown: string, tags: string[]) => ({
  title,
  date: '2025-02-13',
  lang: 'zh-CN',
  categories: ['qq'],
  tags,
  sourceUrl: 'https://news.qq.com/a.html',
  sourceName: 'qq',
  markdown,
  frontMatter: { title },
})

const BODY = [
  '他说的时，公司还没有公布2025年。全年利润增长。',
  '',
  '![滿頭白髮的許家印(中)昨在深圳市中級人民法院](https://inews.gtimg.com/a.jpg "庭審現場")',
  '',
  '用 `<script>` 标签加载之后的文字也能找到。',
].join('\n')

// What 0002's normaliser put in the index for BODY: no breaks, no caption, and nothing after the
// inline `<script>` (the regex waited for a `</script>` that never came).
const OLD_INDEX_TEXT = '他 说 的 时 公 司 还 没 有 公 布 2025 年 全 年 利 润 增 长 用'

const everything = (db: Database.Database) =>
  Object.fromEntries(
    ['articles', 'article_texts', 'labels', 'article_labels', 'files', 'media', 'image_refs'].map(
      (t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()],
    ),
  )

describe('migration 0004-phrase-breaks', () => {
  it('rebuilds the index from the articles and leaves every other row as it was', () => {
    const db = archiveAt(3)
    const now = '2025-03-01T00:00:00.000Z'
    const add = articleAdder(db, now)
    const a = add(article('恒大', BODY, ['地产', '法院']))
    const b = add(article('Rates', 'The election results.\n\nRates fell.', ['economy']))
    putFile(db, { path: '/n/1.md', articleId: a, contentHash: 'h1', size: 100, mtimeMs: 1 }, now)
    putFile(db, { path: '/n/2.md', articleId: b, contentHash: 'h2', size: 40, mtimeMs: 2 }, now)
    saveArticleImages(
      db,
      a,
      {
        refs: [
          {
            src: 'https://inews.gtimg.com/a.jpg',
            url: 'https://inews.gtimg.com/a.jpg',
            kind: 'remote',
            status: 'missing',
            hash: null,
            error: null,
          },
        ],
        media: [],
      },
      now,
    )
    // the index as version 3 left it
    db.prepare(`DELETE FROM articles_fts WHERE rowid = ?`).run(a)
    db.prepare(`INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)`).run(
      a,
      '恒 大',
      OLD_INDEX_TEXT,
    )
    const hits = (q: string) =>
      (
        db.prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`).all(q) as {
          rowid: number
        }[]
      ).map((r) => r.rowid)
    expect(hits('"时 公"')).toEqual([a])
    expect(hits('"许 家 印"')).toEqual([])
    const before = everything(db)

    migrate(db, 4)
    expect(currentVersion(db)).toBe(4)
    expect(everything(db)).toEqual(before)
    expect(hits('"时 公"')).toEqual([])
    expect(hits('"年 全"')).toEqual([])
    expect(hits('"公 司 还"')).toEqual([a])
    expect(hits('"许 家 印"')).toEqual([a]) // the caption (alt text)
    expect(hits('"庭 审 现 场"')).toEqual([a]) // the caption (title)
    expect(hits('"文 字 也 能 找 到"')).toEqual([a]) // after the inline `<script>`
    expect(hits('gtimg')).toEqual([])
    expect(hits('"恒 大"')).toEqual([a])
    expect(hits('election')).toEqual([b])
    expect(hits('"results rates"')).toEqual([b]) // Latin paragraphs read as before
  })
})
