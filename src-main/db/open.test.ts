import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openArchive } from './open'
import { latestVersion } from './migrations/index'
import { tempTree } from '../test-support/tmp'

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

describe('openArchive', () => {
  it('creates a new archive in WAL mode with foreign keys on, at the latest schema', () => {
    tree = tempTree()
    const db = openArchive(tree.path('sub/archive.db'), { create: true })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('user_version', { simple: true })).toBe(latestVersion)
    db.close()
  })

  it('refuses a missing archive unless asked to create it', () => {
    tree = tempTree()
    expect(() => openArchive(tree.path('none.db'))).toThrow(/No archive at/)
  })

  it('says clearly when the file is not an archive', () => {
    tree = tempTree({ 'junk.db': 'this is not a database, just some text that is long enough' })
    expect(() => openArchive(tree.path('junk.db'))).toThrow(/Cannot read the archive/)
  })

  it('refuses an archive written by a newer Lectern and leaves it untouched', () => {
    tree = tempTree()
    const file = tree.path('new.db')
    const raw = new Database(file)
    raw.pragma(`user_version = ${latestVersion + 5}`)
    raw.close()
    expect(() => openArchive(file)).toThrow(/newer Lectern/)
    const again = new Database(file)
    expect(again.pragma('user_version', { simple: true })).toBe(latestVersion + 5)
    again.close()
  })
})
