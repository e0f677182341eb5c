import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { CHIPS_EN, HARBOUR_EN, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../../clusters/fixtures/stories'

describe('migration 0006-story-clusters', () => {
  it('places the articles already in the archive and keeps user choices apart', () => {
    const db = archiveAt(3)
    const article = articleAdder(db)
    const add = (title: string, markdown: string) => article({ title, markdown })
    const zh = add('降息', RATE_CUT_ZH)
    const chips = add('Chips', CHIPS_EN)
    const tw = add('降息（繁）', `${RATE_CUT_ZH_TW}\n\n[udn](https://udn.com/x)`)
    const harbour = add('Harbour', HARBOUR_EN)
    migrate(db, 6)
    expect(currentVersion(db)).toBe(6)

    const strict = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of ['story_members', 'story_bands', 'story_choices']) {
      expect(strict.find((r) => r.name === t)?.strict, t).toBe(1)
    }
    const clusterOf = (id: number) =>
      (
        db.prepare(`SELECT cluster_id FROM story_members WHERE article_id = ?`).get(id) as {
          cluster_id: number
        }
      ).cluster_id
    // the Traditional reprint joined its Simplified original; the others are alone
    expect([zh, tw, chips, harbour].map(clusterOf)).toEqual([zh, zh, chips, harbour])
    // story_bands, made here, is history: nothing fills it since the band table lives in memory
    // (0010 drops it), though 0006 places the articles with today's code
    expect(db.prepare(`SELECT count(*) AS n FROM story_bands`).get()).toEqual({ n: 0 })

    // user choices: one row per pair, a known verdict, an owner
    const choose = db.prepare(
      `INSERT INTO story_choices (a, b, verdict, made_at) VALUES (?, ?, ?, 'now')`,
    )
    choose.run(zh, tw, 'apart')
    expect(() => choose.run(chips, harbour, 'maybe')).toThrow(/CHECK/)
    expect(() => choose.run(harbour, chips, 'joined')).toThrow(/CHECK/) // a < b
    expect(() => choose.run(zh, tw, 'joined')).toThrow(/UNIQUE|PRIMARY/)
    expect(db.prepare(`SELECT owner, a, b, verdict FROM story_choices`).all()).toEqual([
      { owner: 'local', a: zh, b: tw, verdict: 'apart' },
    ])

    // an article's derived rows go with it; the user's choice about it stays
    db.prepare(`DELETE FROM articles WHERE id = ?`).run(tw)
    expect(db.prepare(`SELECT count(*) AS n FROM story_members`).get()).toEqual({ n: 3 })
    expect(db.prepare(`SELECT count(*) AS n FROM story_choices`).get()).toEqual({ n: 1 })
  })
})
