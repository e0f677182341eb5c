import { describe, expect, it } from 'vitest'
import { openArchive } from './open'
import { CACHE_BYTES, isRemembered, remember } from './story-store'

// The shingles kept for placing articles (story clusters) stay within CACHE_BYTES, the ones
// kept longest going first; an article remembered again counts as new.
describe('shingles kept in memory', () => {
  const MB4 = () => new Uint32Array(1024 * 1024) // 4 MB each
  const fits = CACHE_BYTES / (4 * 1024 * 1024)
  const kept = (db: ReturnType<typeof openArchive>, ids: number[]) =>
    ids.filter((id) => isRemembered(db, id))

  it('drop the oldest first, and never go over the bound', () => {
    const db = openArchive(':memory:')
    const ids = Array.from({ length: fits }, (_, i) => i + 1)
    for (const id of ids) remember(db, id, MB4(), true)
    expect(kept(db, ids)).toEqual(ids)
    remember(db, 1000, MB4(), false)
    expect(kept(db, [...ids, 1000])).toEqual([...ids.slice(1), 1000])
    // remembered again: kept as the newest, so the next one out is 3
    remember(db, 2, MB4(), true)
    remember(db, 1001, MB4(), true)
    expect(kept(db, [1, 2, 3, 4])).toEqual([2, 4])
    expect(kept(db, [1000, 1001])).toEqual([1000, 1001])
    db.close()
  })

  it('go on dropping the oldest after one larger than the bound emptied them all', () => {
    const db = openArchive(':memory:')
    for (let id = 1; id <= 3; id++) remember(db, id, MB4(), true)
    remember(db, 50, new Uint32Array(CACHE_BYTES / 4 + 1), true)
    expect(kept(db, [1, 2, 3, 50])).toEqual([])
    const ids = Array.from({ length: fits + 2 }, (_, i) => i + 100)
    for (const id of ids) remember(db, id, MB4(), true)
    expect(kept(db, ids)).toEqual(ids.slice(2))
    db.close()
  })
})
