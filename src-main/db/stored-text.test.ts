import { describe, expect, it } from 'vitest'
import { openArchive } from './open'
import { asString, textsToBytes, type StoredText } from './stored-text'

describe('texts handed to the writer as UTF-8 bytes', () => {
  const texts = ['阿里巴巴 launches AI', '', 'café 𠮷野家 😀', 'broken \ud800 half', 'plain']

  it('put every text of a batch in one buffer, and read back as the same strings', () => {
    const items = texts.map((t) => ({ t: t as StoredText }))
    const buffer = textsToBytes(items, (item, put) => void (item.t = put(item.t)))
    for (const item of items) {
      expect(item.t).toBeInstanceOf(Uint8Array)
      expect((item.t as Uint8Array).buffer).toBe(buffer)
    }
    // a lone surrogate cannot be UTF-8: it becomes U+FFFD, as SQLite stores it from a string
    expect(items.map((i) => asString(i.t))).toEqual(texts.map((t) => t.replace('\ud800', '\ufffd')))
  })

  it('are stored and searched exactly as the same strings would be', () => {
    const db = openArchive(':memory:')
    const items = texts.map((t) => ({ t: t as StoredText }))
    textsToBytes(items, (item, put) => void (item.t = put(item.t)))
    const add = db.prepare(
      `INSERT INTO articles_fts (rowid, title, body) VALUES (?, '', CAST(? AS TEXT))`,
    )
    texts.forEach((t, i) => add.run(i + 1, t))
    items.forEach((item, i) => add.run(i + 101, item.t))
    const hits = (q: string) =>
      db
        .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid`)
        .pluck()
        .all(q) as number[]
    for (const q of ['阿里巴巴', 'launches', 'cafe', '𠮷野家', 'half', 'plain']) {
      const found = hits(q)
      expect(found.length).toBeGreaterThan(0)
      expect(found.filter((id) => id > 100)).toEqual(
        found.filter((id) => id < 100).map((id) => id + 100),
      )
    }
    db.close()
  })
})
