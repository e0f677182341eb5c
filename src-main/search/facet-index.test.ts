import { afterEach, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { searchArchive } from './search'
import { article, tempTree } from '../test-support/tmp'

let tree: ReturnType<typeof tempTree>
const open: Archive[] = []
afterEach(() => {
  open.splice(0).forEach((d) => d.close())
  tree?.cleanup()
})

const tagCount = (db: Archive, tag: string) =>
  searchArchive(db, { query: '' }).facets?.tags.find((t) => t.name === tag)?.count ?? 0

describe('facet counts', () => {
  it('follow imports made through the same connection', async () => {
    tree = tempTree({ 'a/1.md': article('One', 'first') })
    const db = openArchive(':memory:')
    open.push(db)
    await importFolders(db, [tree.path('a')])
    expect(tagCount(db, 'test')).toBe(1)
    tree.write('b/2.md', article('Two', 'second'))
    await importFolders(db, [tree.path('b')])
    expect(tagCount(db, 'test')).toBe(2)
  })

  it('follow imports made by another process into the same archive', async () => {
    tree = tempTree({ 'a/1.md': article('One', 'first') })
    const file = tree.path('archive.db')
    const reader = openArchive(file, { create: true })
    const writer = openArchive(file)
    open.push(reader, writer)
    await importFolders(writer, [tree.path('a')])
    expect(tagCount(reader, 'test')).toBe(1)
    tree.write('b/2.md', article('Two', 'second'))
    await importFolders(writer, [tree.path('b')])
    expect(tagCount(reader, 'test')).toBe(2)
  })
})
