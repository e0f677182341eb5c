import { describe, expect, it } from 'vitest'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { clusterOf, placeArticle, rebuildClusters } from '../story-clusters'
import { bandKeys, signature } from '../../clusters/minhash'
import { shingles, tokenize } from '../../clusters/shingles'
import { storyText } from '../../clusters/text'
import { DEFAULT_PARAMS } from '../../clusters/params'
import { CHIPS_EN, HARBOUR_EN, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../../clusters/fixtures/stories'

describe('migration 0010-story-signatures', () => {
  it('drops the band rows, lengthens every signature and keeps clusters and choices', () => {
    const db = archiveAt(9) // the migration before this one
    const article = articleAdder(db)
    const add = (title: string, markdown: string) => article({ title, markdown })
    const zh = add('降息', RATE_CUT_ZH)
    const tw = add('降息（繁）', `${RATE_CUT_ZH_TW}\n\n[udn](https://udn.com/x)`)
    const chips = add('Chips', CHIPS_EN)
    const harbour = add('Harbour', HARBOUR_EN)
    // rows as an archive of the 20-value signatures holds them: signature, shingle count, band
    // keys; the reprint in its original's cluster, and the user's "same story" on two others
    const member = db.prepare(
      `INSERT INTO story_members (article_id, cluster_id, signature, shingles) VALUES (?, ?, ?, ?)`,
    )
    const band = db.prepare(`INSERT OR IGNORE INTO story_bands (key, article_id) VALUES (?, ?)`)
    for (const [id, md, cluster] of [
      [zh, RATE_CUT_ZH, zh],
      [tw, RATE_CUT_ZH_TW, zh],
      [chips, CHIPS_EN, chips],
      [harbour, HARBOUR_EN, chips],
    ] as const) {
      const sh = shingles(tokenize(storyText(md)), DEFAULT_PARAMS)
      const sig = signature(sh, 20)
      member.run(id, cluster, Buffer.from(sig.buffer), sh.length)
      // the bands of that time: 10 of 2 values
      for (const k of bandKeys(sig, { bands: 10, rows: 2, values: 20 })) band.run(k, id)
    }
    db.prepare(
      `INSERT INTO story_choices (a, b, verdict, made_at) VALUES (?, ?, 'joined', '2026-11-30')`,
    ).run(chips, harbour)
    const choices = db.prepare(`SELECT * FROM story_choices`).all()
    const clusters = db.prepare(`SELECT article_id, cluster_id, shingles FROM story_members`).all()
    expect(db.prepare(`SELECT count(*) AS n FROM story_bands`).get()).toEqual({ n: 40 })

    migrate(db)
    expect(currentVersion(db)).toBeGreaterThanOrEqual(10)
    const tables = (db.prepare(`PRAGMA table_list`).all() as { name: string }[]).map((t) => t.name)
    expect(tables).not.toContain('story_bands')
    expect(db.prepare(`SELECT article_id, cluster_id, shingles FROM story_members`).all()).toEqual(
      clusters,
    )
    expect(db.prepare(`SELECT * FROM story_choices`).all()).toEqual(choices)
    expect(
      db.prepare(`SELECT DISTINCT length(signature) AS bytes FROM story_members`).all(),
    ).toEqual([{ bytes: 128 }])

    // the new signatures find copies: another Traditional reprint joins the story
    const hk = add('降息（港）', `${RATE_CUT_ZH_TW}\n\n[hk01](https://hk01.com/x)`)
    expect(placeArticle(db, hk, RATE_CUT_ZH_TW)).toBe(zh)
    // and a rebuild still obeys the user's choice
    rebuildClusters(db)
    expect(clusterOf(db, harbour)?.articles).toEqual([chips, harbour])
    expect(clusterOf(db, hk)?.articles).toEqual([zh, tw, hk])
  })
})
