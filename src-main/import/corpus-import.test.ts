import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { importFolders } from './importer'
import { CORPUS, hasCorpus, NO_CORPUS } from '../test-support/corpus'
import type { ImportReport } from '../shared/types'

if (!hasCorpus) console.warn(NO_CORPUS)

describe.skipIf(!hasCorpus)('importing the real news corpus', () => {
  let db: Archive
  let first: ImportReport
  beforeAll(async () => {
    db = openArchive(':memory:')
    first = await importFolders(db, [CORPUS])
  })
  afterAll(() => db?.close())

  it('accounts for all 2,098 files', () => {
    expect(first.scanned).toBe(2098)
    expect(first.files).toHaveLength(2098)
    expect(first.imported + first.duplicates).toBe(2098)
    expect(first.failed + first.skipped).toBe(0)
  })

  it('reports every file unchanged the second time, and the article count does not move', async () => {
    const count = () => (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n
    const before = count()
    const again = await importFolders(db, [CORPUS])
    expect(again.unchanged).toBe(2098)
    expect(count()).toBe(before)
  })

  it('keeps a qq article with its ISO date, labels, language and source', () => {
    const file = first.files.find((f) => f.path === 'zh-CN/news/qq/20260730A081G500.zh-CN.md')
    const a = getArticle(db, file?.id as number)
    expect(a).toMatchObject({
      title: '宠物食品+宠物经济，这家公司深耕宠物食品赛道',
      date: '2026-07-30T16:04:22',
      tags: ['qq'],
      categories: ['qq'],
      lang: 'zh-CN',
      sourceName: 'qq',
    })
    expect(a?.sourceUrl).toMatch(/^https:\/\/new\.qq\.com\//)
    expect(a?.frontMatter).toHaveProperty('widgets')
  })

  it('never takes the import time for a publication date', () => {
    const today = new Date().toISOString().slice(0, 10)
    const n = db
      .prepare(`SELECT count(*) AS n FROM articles WHERE date LIKE ?`)
      .get(`${today}%`) as { n: number }
    expect(n.n).toBe(0)
  })
})
