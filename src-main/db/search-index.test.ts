import { describe, expect, it } from 'vitest'
import { migrate } from './migrations/index'
import { articleAdder, archiveAt } from '../test-support/old-archive'
import { reindexArticles } from './search-index'
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
