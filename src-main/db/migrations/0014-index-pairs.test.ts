import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { pairsInIndex } from '../common-pairs'
import { indexArticle } from '../search-index'
import { matchingIds } from '../../search/search'

describe('migration 0014-index-pairs', () => {
  it('records no pairs for an archive indexed before them, which searches as before', () => {
    const db = archiveAt(13) // the migration before this one
    const add = articleAdder(db)
    const ids = [
      add({ title: '市场观察', markdown: '公司的市场数据。' }),
      add({ title: 'Rates', markdown: 'The market fell.' }),
    ]
    for (const id of ids) {
      const r = db.prepare(`SELECT title FROM articles WHERE id = ?`).get(id) as { title: string }
      const md = db.prepare(`SELECT markdown FROM article_texts WHERE article_id = ?`).pluck()
      indexArticle(db, id, r.title, md.get(id) as string)
    }
    const before = db.prepare(`SELECT * FROM articles ORDER BY id`).all()

    migrate(db)
    expect(currentVersion(db)).toBeGreaterThanOrEqual(14)
    expect(db.prepare(`SELECT count(*) FROM index_pairs`).pluck().get()).toBe(0)
    expect(pairsInIndex(db)).toBe(false)
    expect(db.prepare(`SELECT * FROM articles ORDER BY id`).all()).toEqual(before)
    expect(matchingIds(db, '市场')).toEqual([ids[0]])
    expect(matchingIds(db, 'market')).toEqual([ids[1]])
  })
})
