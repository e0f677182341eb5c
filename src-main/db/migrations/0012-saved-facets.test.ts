import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { stamp } from '../generation'

describe('migration 0012-saved-facets', () => {
  it('adds the stamp and the saved index, leaving the articles as they were', () => {
    const db = archiveAt(11) // the migration before this one
    const add = articleAdder(db)
    add({ title: 'Harbour', tags: ['port'], sourceName: 'Gazette' })
    add({ title: '港口', categories: ['经济'] })
    const before = db.prepare(`SELECT * FROM articles ORDER BY id`).all()
    const labels = db.prepare(`SELECT * FROM article_labels ORDER BY article_id, label_id`).all()

    migrate(db)
    expect(currentVersion(db)).toBeGreaterThanOrEqual(12)
    expect(db.prepare(`SELECT * FROM articles ORDER BY id`).all()).toEqual(before)
    expect(db.prepare(`SELECT * FROM article_labels ORDER BY article_id, label_id`).all()).toEqual(
      labels,
    )
    expect(stamp(db)).toBe(0)
    expect(db.prepare(`SELECT count(*) FROM saved_facets`).pluck().get()).toBe(0)
    // from now on a change to the articles moves the stamp
    add({ title: 'Later' })
    expect(stamp(db)).toBeGreaterThan(0)
  })
})
