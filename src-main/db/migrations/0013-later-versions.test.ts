import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { laterVersions } from '../story-clusters'
import { laterVersionsShown } from '../whole-list'

describe('migration 0013-later-versions', () => {
  it('indexes the later versions of stories alone, and the grouping reads them through it', () => {
    const db = archiveAt(12) // the migration before this one
    const add = articleAdder(db)
    const [a, b, c, d] = ['Harbour', 'Harbour (reprint)', 'Chips', 'Rates'].map((title) =>
      add({ title }),
    )
    // b is a later version of a's story; c and d stand alone (d not placed yet)
    const member = db.prepare(
      `INSERT INTO story_members (article_id, cluster_id, signature, shingles) VALUES (?, ?, x'', 0)`,
    )
    member.run(a, a)
    member.run(b, a)
    member.run(c, c)
    member.run(d, null)
    const rows = db.prepare(`SELECT * FROM story_members ORDER BY article_id`).all()

    migrate(db)
    expect(currentVersion(db)).toBeGreaterThanOrEqual(13)
    expect(db.prepare(`SELECT * FROM story_members ORDER BY article_id`).all()).toEqual(rows)
    expect(Array.from(laterVersions(db))).toEqual([b, a])
    expect(laterVersionsShown(db)).toEqual([[a, 0, 1]])
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' ')
    expect(
      plan(
        `SELECT article_id, cluster_id FROM story_members
          WHERE cluster_id IS NOT NULL AND cluster_id <> article_id`,
      ),
    ).toContain('story_members_later')
    // a later version placed from now on is in it too
    member.run(add({ title: 'Harbour (another)' }), a)
    expect(laterVersions(db).length).toBe(4)
  })
})
