import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from './migrations/index'
import { articleAdder, archiveAt } from '../test-support/old-archive'
import { mergingLess, reindexArticles } from './search-index'
import { openArchive, type Archive } from './open'
import { putEdit } from './edits'

describe('indexArticle', () => {
  it('indexes the imported title before the archive has edits, and the edited one after', () => {
    const db = archiveAt(6) // before 0007: no edits table
    const id = articleAdder(db)({ title: '台风登陆', markdown: '多地停课。' })
    const found = (word: string) =>
      db
        .prepare(`SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`)
        .pluck()
        .all(`title:"${word}"`)
    reindexArticles(db, [id])
    expect(found('台 风')).toEqual([id])

    // the same connection, migrated: the edits table is seen now that it is there
    migrate(db)
    putEdit(db, id, 'title', '暴雨预警', 'now')
    reindexArticles(db, [id])
    expect(found('暴 雨')).toEqual([id])
    expect(found('台 风')).toEqual([])
  })
})

// An import makes FTS5 merge segments 8 at a time (src-main/import/importer.ts); imports may
// overlap (a watched folder's batch during a folder's import). The setting the archive had before
// the first of them comes back when the last one ends, not before, and only once.
describe('merging less during imports', () => {
  let db: Archive
  afterEach(() => db?.close())
  const automerge = () =>
    db.prepare(`SELECT v FROM articles_fts_config WHERE k = 'automerge'`).pluck().get()

  it('holds while any import is running and puts back what it found', () => {
    db = openArchive(':memory:')
    // a setting of the reader's own, not FTS5's default
    db.prepare(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 2)`).run()
    const first = mergingLess(db)
    expect(automerge()).toBe(8)
    const second = mergingLess(db)
    first()
    expect(automerge()).toBe(8)
    // ending one twice does not end the other
    first()
    expect(automerge()).toBe(8)
    second()
    expect(automerge()).toBe(2)
  })

  it('puts back FTS5’s default when the archive had no setting of its own', () => {
    db = openArchive(':memory:')
    expect(automerge()).toBeUndefined()
    const end = mergingLess(db)
    expect(automerge()).toBe(8)
    end()
    expect(automerge()).toBe(4)
  })
})
