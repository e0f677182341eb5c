import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { stmt } from './stmt'

describe('the prepared statement cache', () => {
  it('gives every caller rows as objects, whatever mode an earlier caller asked of the same SQL', () => {
    const db = new Database(':memory:')
    db.exec(`CREATE TABLE trash (article_id INTEGER); INSERT INTO trash VALUES (7), (9)`)
    const sql = `SELECT article_id FROM trash ORDER BY article_id`
    expect(stmt(db, sql).pluck().all()).toEqual([7, 9])
    expect(stmt(db, sql).all()).toEqual([{ article_id: 7 }, { article_id: 9 }])
    expect(stmt(db, sql).raw().all()).toEqual([[7], [9]])
    expect(stmt(db, sql).get()).toEqual({ article_id: 7 })
    expect(stmt(db, sql).expand().get()).toEqual({ trash: { article_id: 7 } })
    expect(stmt(db, sql).get()).toEqual({ article_id: 7 })
    // a statement that returns no rows comes back as it is
    expect(stmt(db, `DELETE FROM trash WHERE article_id = ?`).run(7).changes).toBe(1)
    expect(stmt(db, `DELETE FROM trash WHERE article_id = ?`).run(9).changes).toBe(1)
    db.close()
  })
})
