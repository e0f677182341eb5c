import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../db/open'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { article, tempTree } from '../test-support/tmp'

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

function make(canImport = true) {
  const service = new ArchiveService({ db: openArchive(':memory:'), path: ':memory:', canImport })
  return { service, dispatch: createDispatcher(service) }
}

describe('the dispatcher', () => {
  it('refuses methods that are not in the contract, including inherited ones', async () => {
    const { dispatch } = make()
    for (const m of ['constructor', 'close', '__proto__', 'toString', 'db', 42, null]) {
      const r = await dispatch(m, undefined)
      expect(r).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
    }
  })

  it('checks arguments before the service runs', async () => {
    const { dispatch } = make()
    const bad: [string, unknown][] = [
      ['article', { id: 'x' }],
      ['article', { id: -1 }],
      ['article', { id: 1, extra: true }],
      ['search', { query: 5 }],
      ['search', { query: 'a', sort: 'random' }],
      ['importFolders', { folders: 'not-a-list' }],
      ['stats', { unexpected: 1 }],
    ]
    for (const [m, a] of bad) {
      expect(await dispatch(m, a)).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
    }
  })

  it('answers with values, and errors as values', async () => {
    tree = tempTree({ 'a.md': article('Hello', 'world') })
    const { dispatch } = make()
    const imported = await dispatch('importFolders', { folders: [tree.dir] })
    expect(imported).toMatchObject({ ok: true, value: { imported: 1 } })
    const stats = await dispatch('stats', undefined)
    expect(stats).toMatchObject({ ok: true, value: { articles: 1 } })
    const missing = await dispatch('article', { id: 999 })
    expect(missing).toEqual({ ok: true, value: null })
    const notFolder = await dispatch('importFolders', { folders: [`${tree.dir}/nope`] })
    expect(notFolder).toMatchObject({ ok: false, error: { code: 'not-a-folder' } })
  })

  it('is read-only when the transport says so', async () => {
    tree = tempTree({ 'a.md': article('Hello', 'world') })
    const { dispatch } = make(false)
    const r = await dispatch('importFolders', { folders: [tree.dir] })
    expect(r).toMatchObject({ ok: false, error: { code: 'read-only' } })
  })
})
