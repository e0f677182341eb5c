import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../db/open'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { article, tempTree } from '../test-support/tmp'
import type { Caller, Role } from '../shared/auth'
import type { ImportFilesPage, ImportReport } from '../shared/types'

// The app's import report travels in pages: the import's answer leaves its files out when asked,
// and the dialog reads them by filter as it scrolls.

let tree: ReturnType<typeof tempTree>
let service: ArchiveService
afterEach(() => {
  service?.close()
  tree?.cleanup()
})

const as = (owner: string, role: Role): Caller => ({ owner, role, account: true })

function make() {
  tree = tempTree({
    'a.md': article('Rates', 'Interest rates fall.'),
    'copy.md': article('Rates', 'Interest rates fall.'),
    'b.md': article('Trade', 'Exports rise.'),
    'notes.txt': 'not an article',
  })
  service = new ArchiveService({ db: openArchive(':memory:'), path: ':memory:', canImport: true })
  const dispatch = createDispatcher(service, { local: null })
  return async <T>(method: string, args: unknown, caller: Caller): Promise<T> => {
    const r = await dispatch(method, args, caller)
    if (!r.ok) throw new Error(`${method}: ${r.error.code}`)
    return r.value as T
  }
}

describe('the import report over the contract', () => {
  it('answers without the file list when asked, and pages it by filter', async () => {
    const call = make()
    const ed = as('ed', 'editor')
    const report = await call<ImportReport>(
      'importFolders',
      { folders: [tree.dir], listFiles: false },
      ed,
    )
    expect(report).toMatchObject({ scanned: 4, imported: 2, duplicates: 1, skipped: 1, files: [] })

    const notable = await call<ImportFilesPage>(
      'importReportFiles',
      { filter: 'notable', offset: 0, limit: 50 },
      ed,
    )
    expect(notable).toMatchObject({ total: 2, notable: 2, warnings: 0, scanned: 4 })
    expect(notable.files.map((f) => [f.path, f.status]).sort()).toEqual([
      [expect.stringMatching(/^(a|copy)\.md$/), 'duplicate'],
      ['notes.txt', 'skipped'],
    ])
    const imported = await call<ImportFilesPage>(
      'importReportFiles',
      { filter: 'imported', offset: 1, limit: 1 },
      ed,
    )
    expect(imported.total).toBe(2)
    expect(imported.files).toHaveLength(1)
    expect(imported.files[0]).toMatchObject({ status: 'imported', id: expect.any(Number) })
  })

  it('shows each editor only their own last import, and readers none', async () => {
    const call = make()
    await call('importFolders', { folders: [tree.dir], listFiles: false }, as('ed', 'editor'))
    const page = { filter: 'skipped', offset: 0, limit: 10 }
    expect(await call('importReportFiles', page, as('eve', 'editor'))).toEqual({
      total: 0,
      files: [],
      notable: 0,
      warnings: 0,
      scanned: 0,
    })
    await expect(call('importReportFiles', page, as('rita', 'reader'))).rejects.toThrow('forbidden')
    expect((await call<ImportFilesPage>('importReportFiles', page, as('ed', 'editor'))).total).toBe(
      1,
    )
  })

  it('lists every file by default (the CLI, scripts), and keeps only the newest report', async () => {
    const call = make()
    const ed = as('ed', 'editor')
    const first = await call<ImportReport>('importFolders', { folders: [tree.dir] }, ed)
    expect(first.files.map((f) => f.path).sort()).toEqual(['a.md', 'b.md', 'copy.md', 'notes.txt'])
    // the same folder again: its pages are of this import, as its counts say
    const second = await call<ImportReport>(
      'importFolders',
      { folders: [tree.dir], listFiles: false },
      ed,
    )
    expect(second).toMatchObject({ imported: 0, unchanged: 3, skipped: 1 })
    const unchanged = await call<ImportFilesPage>(
      'importReportFiles',
      { filter: 'unchanged', offset: 0, limit: 10 },
      ed,
    )
    expect(unchanged.total).toBe(3)
    expect(
      (
        await call<ImportFilesPage>(
          'importReportFiles',
          { filter: 'imported', offset: 0, limit: 10 },
          ed,
        )
      ).total,
    ).toBe(0)
  })

  it('refuses pages it cannot answer with a clear error', async () => {
    const call = make()
    const ed = as('ed', 'editor')
    for (const args of [
      { filter: 'everything', offset: 0, limit: 10 },
      { filter: 'notable', offset: -1, limit: 10 },
      { filter: 'notable', offset: 0, limit: 0 },
      { filter: 'notable', offset: 0, limit: 100_000 },
      { filter: 'notable', offset: 0 },
    ]) {
      await expect(call('importReportFiles', args, ed)).rejects.toThrow('bad-arguments')
    }
  })
})
