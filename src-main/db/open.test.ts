import { afterEach, describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { checkpointLess, openArchive } from './open'
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

  it('makes a new archive with 16 KB pages; an older one keeps its own, both log 64 MB at a time in an import', () => {
    tree = tempTree()
    const fresh = openArchive(tree.path('new.db'), { create: true })
    expect(fresh.pragma('page_size', { simple: true })).toBe(16384)
    const restore = checkpointLess(fresh)
    expect(fresh.pragma('wal_autocheckpoint', { simple: true })).toBe(4096)
    restore()
    expect(fresh.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    fresh.close()

    // an archive made before (SQLite's 4 KB pages) is upgraded and written as it is
    const file = tree.path('old.db')
    const raw = new Database(file)
    raw.exec(`CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('mine')`)
    expect(raw.pragma('page_size', { simple: true })).toBe(4096)
    raw.close()
    const old = openArchive(file)
    expect(old.pragma('page_size', { simple: true })).toBe(4096)
    expect(old.pragma('user_version', { simple: true })).toBe(latestVersion)
    expect(old.prepare(`SELECT x FROM kept`).pluck().get()).toBe('mine')
    checkpointLess(old)
    expect(old.pragma('wal_autocheckpoint', { simple: true })).toBe(16384)
    old.close()
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
