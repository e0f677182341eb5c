import { afterEach } from 'vitest'
import { openArchive } from '../db/open'
import { ArchiveService, type ServiceOptions } from '../api/service'
import { createDispatcher, type Dispatch } from '../api/dispatcher'
import type { ArgsOf, LecternEvents, Method, ResultOf } from '../shared/api'
import type { Caller } from '../shared/auth'
import { tempTree } from './tmp'

// Set-up shared by the service tests: a new archive in a temporary folder, the service over it
// and the dispatcher in front, as every client meets them.

/** A second reader of the same archive, as a shared server's dispatcher hands her calls over. */
export const ALICE: Caller = { owner: 'alice', role: 'reader', account: true }

/** A method's value, or its error thrown (with its `code`), through `dispatch`. */
export function caller(dispatch: Dispatch) {
  return async <M extends Method>(m: M, args?: ArgsOf<M>): Promise<ResultOf<M>> => {
    const r = await dispatch(m, args)
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code })
    return r.value as ResultOf<M>
  }
}

/**
 * For a test file: returns `make(files, options)`, which writes `files` into a temporary folder,
 * opens `archive.db` there with a service that may import (unless `canImport: false`) and
 * records its events. Whatever `make` opened is closed after each test (watchers stopped, the
 * folder removed).
 */
export function serviceFixture() {
  const open: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of open.splice(0).reverse()) await close()
  })
  return async (
    files: Record<string, string>,
    opts: Partial<Omit<ServiceOptions, 'db' | 'path'>> = {},
  ) => {
    const tree = tempTree(files)
    const path = tree.path('archive.db')
    const db = openArchive(path, { create: true })
    const events: { event: string; data: unknown }[] = []
    const service = new ArchiveService({
      db,
      path,
      canImport: true,
      emit: <E extends keyof LecternEvents>(event: E, data: LecternEvents[E]) =>
        void events.push({ event, data }),
      ...opts,
    })
    open.push(async () => {
      await service.stopWatching()
      service.close()
      tree.cleanup()
    })
    const dispatch = createDispatcher(service)
    /** Imports the folder `news/`; the new articles' ids by their path in it (`a.md`). */
    const importNews = async (): Promise<Record<string, number>> => {
      const report = await service.importFolders({ folders: [tree.path('news')] })
      return Object.fromEntries(report.files.map((f) => [f.path, f.id!]))
    }
    return { tree, db, path, service, dispatch, call: caller(dispatch), events, importNews }
  }
}
