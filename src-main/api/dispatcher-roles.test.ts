import { describe, expect, it } from 'vitest'
import { createDispatcher } from './dispatcher'
import { argChecks, methodRoles, type LecternService, type Method } from '../shared/api'
import { localCaller, type Caller, type Role } from '../shared/auth'

// Who may call what, decided by the dispatcher before any code of the service runs.

/** A service that records who each call came from and answers with that. */
function recording() {
  const seen: string[] = []
  const service = new Proxy(
    {},
    {
      get: (_t, method: string) => (_args: unknown, caller: Caller) => {
        seen.push(`${method}:${caller.owner}:${caller.role}`)
        return method === 'info' ? { canImport: true } : caller.owner
      },
    },
  ) as unknown as LecternService
  return { seen, service }
}

const as = (owner: string, role: Role): Caller => ({ owner, role, account: true })

/** The policy, written out: what a reader may do. An editor adds the writes, an admin the
 * accounts; anything not listed here needs more than a reader. */
const READER: Method[] = [
  'info',
  'stats',
  'tags',
  'categories',
  'article',
  'search',
  'searchIds',
  'imageStatus',
  'me',
  'revisions',
  'revisionDiff',
  'clusters',
  'versions',
  'diffArticles',
  'addHighlight',
  'highlights',
  'annotations',
  'updateHighlight',
  'removeHighlight',
  'articleNote',
  'setArticleNote',
  'cite',
  'exportReferences',
  // the reader's own collections, saved searches and reading status
  'listCollections',
  'createCollection',
  'renameCollection',
  'deleteCollection',
  'addToCollection',
  'removeFromCollection',
  'moveInCollection',
  'collectionsOf',
  'listSaved',
  'saveSearch',
  'deleteSaved',
  'openSaved',
  'setRead',
  'readingState',
  'savePlace',
]
const EDITOR: Method[] = [
  'importFolders',
  'importReportFiles',
  'cancelImport',
  'chooseFolders',
  'fetchImages',
  'cancelFetchImages',
  'exportArticles',
  'cancelExport',
  'chooseExportTarget',
  'editArticle',
  'bulkEdit',
  'trashArticles',
  'restoreArticles',
  'trashList',
  'undo',
  'changes',
  'mergeLabels',
  'watchFolders',
  'unwatchFolders',
  'watchStatus',
  'rebuildClusters',
  'splitFromCluster',
  'joinClusters',
]

describe('roles at the dispatcher', () => {
  it('needs a reader for reading, an editor for writing, an admin for accounts', () => {
    for (const m of Object.keys(argChecks) as Method[]) {
      const expected = READER.includes(m) ? 'reader' : EDITOR.includes(m) ? 'editor' : 'admin'
      expect(methodRoles[m], m).toBe(expected)
    }
    for (const m of ['addUser', 'backup', 'check', 'emptyTrash'] as const) {
      expect(methodRoles[m], m).toBe('admin')
    }
  })

  it('refuses a call without the role as forbidden, without the service hearing of it', async () => {
    const { seen, service } = recording()
    const dispatch = createDispatcher(service, { local: null })
    expect(
      await dispatch('importFolders', { folders: ['/x'] }, as('rita', 'reader')),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    // Arguments are not even looked at: a reader learns nothing of what an import would take.
    expect(await dispatch('importFolders', { nonsense: 1 }, as('rita', 'reader'))).toMatchObject({
      error: { code: 'forbidden' },
    })
    expect(await dispatch('listUsers', undefined, as('ed', 'editor'))).toMatchObject({
      error: { code: 'forbidden' },
    })
    expect(seen).toEqual([])
    expect(await dispatch('importFolders', { folders: ['/x'] }, as('ed', 'editor'))).toEqual({
      ok: true,
      value: 'ed',
    })
    expect(await dispatch('listUsers', undefined, as('ada', 'admin'))).toEqual({
      ok: true,
      value: 'ada',
    })
    expect(seen).toEqual(['importFolders:ed:editor', 'listUsers:ada:admin'])
  })

  it('refuses every method to nobody as unauthenticated', async () => {
    const { seen, service } = recording()
    const dispatch = createDispatcher(service, { local: null })
    for (const m of Object.keys(argChecks)) {
      expect(await dispatch(m, undefined, null), m).toMatchObject({
        error: { code: 'unauthenticated' },
      })
      // a transport that forgot to say who is calling gets the dispatcher's `local`: here, nobody
      expect(await dispatch(m, undefined), m).toMatchObject({ error: { code: 'unauthenticated' } })
    }
    expect(seen).toEqual([])
  })

  it('hands the caller to the service: the local user by default, admin unless read-only', async () => {
    const { seen, service } = recording()
    await createDispatcher(service)('me', undefined)
    await createDispatcher(service, { local: localCaller(true) })('me', undefined)
    expect(
      await createDispatcher(service, { local: localCaller(true) })('addUser', {}),
    ).toMatchObject({
      error: { code: 'forbidden' },
    })
    await createDispatcher(service)('me', undefined, as('rex', 'reader'))
    expect(seen).toEqual(['me:local:admin', 'me:local:reader', 'me:rex:reader'])
  })
})
