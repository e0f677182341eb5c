import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { IpcMain } from 'electron'
import { openArchive } from '../db/open'
import { ArchiveService } from '../api/service'
import { createDispatcher, type Dispatch } from '../api/dispatcher'
import { isAppUrl } from '../electron/security'
import { argChecks, type LecternEvents, type Method, type Reply } from '../shared/api'
import { article, tempTree } from '../test-support/tmp'
import { ApiError, createClient, type Client } from '../../src-renderer/lib/api/client'
import { ipcTransport, type Bridge, type Transport } from '../../src-renderer/lib/api/transport'
import { broadcastIpc, serveIpc } from './ipc'

// The desktop app without Electron, as VS Code tests its IPC: the real preload, the real
// transport/ipc.ts and the renderer's real client, joined by fakes of ipcMain, ipcRenderer,
// contextBridge and webContents. Like Electron, the fakes copy every argument and answer with
// the structured clone algorithm, so a contract change that would break the window (a renamed
// channel, an answer that cannot cross processes, a method the bridge does not carry) fails here.

const electron = vi.hoisted(() => {
  type Handler = (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown
  type Listener = (event: unknown, ...args: unknown[]) => void
  const handlers = new Map<string, Handler>()
  const listeners = new Map<string, Set<Listener>>()
  const exposed: Record<string, unknown> = {}
  const state = { frameUrl: 'file:///opt/lectern/out/renderer/index.html' }
  return {
    handlers,
    exposed,
    state,
    ipcMain: {
      handle(channel: string, fn: Handler) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler`)
        handlers.set(channel, fn)
      },
    },
    ipcRenderer: {
      async invoke(channel: string, ...args: unknown[]) {
        const h = handlers.get(channel)
        if (!h) throw new Error(`No handler registered for '${channel}'`)
        const answer = await h({ senderFrame: { url: state.frameUrl } }, ...structuredClone(args))
        return structuredClone(answer)
      },
      on(channel: string, l: Listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)?.add(l)
      },
      off(channel: string, l: Listener) {
        listeners.get(channel)?.delete(l)
      },
    },
    webContents: {
      isDestroyed: () => false,
      send(channel: string, ...args: unknown[]) {
        for (const l of listeners.get(channel) ?? []) l({}, ...structuredClone(args))
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        exposed[key] = api
      },
    },
    webUtils: { getPathForFile: (f: { name: string }) => `/home/reader/${f.name}` },
  }
})

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}))

let tree: ReturnType<typeof tempTree> | undefined
afterEach(() => {
  tree?.cleanup()
  tree = undefined
})

/** A service on a fresh in-memory archive, its events going wherever `emit` is pointed. */
function makeService(emit: <E extends keyof LecternEvents>(e: E, d: LecternEvents[E]) => void) {
  const service = new ArchiveService({
    db: openArchive(':memory:'),
    path: ':memory:',
    canImport: true,
    emit,
    pickFolders: async () => ['/chosen'],
  })
  return { service, dispatch: createDispatcher(service) }
}

/** The other in-memory pair: what `lectern serve` does to a call, JSON both ways. */
function jsonPair(dispatch: Dispatch): Transport {
  return {
    call: async (m, a) =>
      JSON.parse(JSON.stringify(await dispatch(m, JSON.parse(JSON.stringify(a ?? null))))) as Reply,
    subscribe: () => () => {},
    desktop: false,
    pathForFile: () => '',
  }
}

let desktop: { client: Client }
/** The service behind the fake ipcMain; a test may put a fresh one there. */
let behindIpc: Dispatch

beforeAll(async () => {
  // The preload runs once per window, exposing `lectern` on the page.
  await import('../preload/index')
  const { dispatch } = makeService((event, data) =>
    broadcastIpc([electron.webContents], event, data),
  )
  behindIpc = dispatch
  serveIpc(
    electron.ipcMain as unknown as Pick<IpcMain, 'handle'>,
    (m, a) => behindIpc(m, a),
    (url) => isAppUrl(url, 'file:///opt/lectern/out/renderer/index.html'),
  )
  const bridge = electron.exposed.lectern as Bridge
  desktop = { client: createClient(ipcTransport(bridge)) }
})

describe('the desktop path: renderer client → preload → ipc.ts → dispatcher', () => {
  it('imports, searches and reads an article, with progress events reaching the page', async () => {
    tree = tempTree({ 'a.md': article('降息 news', '央行宣布降息。Interest rates fall.') })
    const phases: string[] = []
    const off = desktop.client.onEvent('importProgress', (p) => phases.push(p.phase))
    const report = await desktop.client.api.importFolders({ folders: [tree.dir] })
    expect(report.imported).toBe(1)
    expect(phases).toContain('done')
    off()
    const found = await desktop.client.api.search({ query: '降息' })
    expect(found.total).toBe(1)
    const id = found.hits[0]?.id as number
    const shown = await desktop.client.api.article({ id })
    expect(shown?.title).toBe('降息 news')
    // Unsubscribed: a second import's events no longer reach the listener.
    const before = phases.length
    await desktop.client.api.importFolders({ folders: [tree.dir] })
    expect(phases.length).toBe(before)
  })

  it('turns refusals into ApiError with the code, never a thrown IPC error', async () => {
    const bad = desktop.client.api.article({ id: -1 })
    await expect(bad).rejects.toBeInstanceOf(ApiError)
    await expect(bad).rejects.toMatchObject({ code: 'bad-arguments' })
  })

  it('refuses calls from a page that is not the app', async () => {
    electron.state.frameUrl = 'https://evil.example/out/renderer/index.html'
    try {
      await expect(desktop.client.api.stats()).rejects.toMatchObject({ code: 'forbidden' })
    } finally {
      electron.state.frameUrl = 'file:///opt/lectern/out/renderer/index.html'
    }
  })

  it('knows it is the desktop app and where a dropped folder is', () => {
    expect(desktop.client.isDesktop).toBe(true)
    expect(desktop.client.pathForFile({ name: 'news' } as File)).toBe('/home/reader/news')
  })

  it('carries menu commands from the main process to the page', () => {
    const got: string[] = []
    const off = desktop.client.onEvent('menu', (a) => got.push(a))
    broadcastIpc([electron.webContents], 'menu', 'find')
    broadcastIpc([{ ...electron.webContents, isDestroyed: () => true }], 'menu', 'import')
    off()
    broadcastIpc([electron.webContents], 'menu', 'settings')
    expect(got).toEqual(['find'])
  })
})

// One valid call per method. `satisfies` makes a method added to the contract without a row
// here a compile error (npm run lint), so every method is tried on both transports.
const calls = {
  importFolders: { folders: ['<tree>'] },
  importReportFiles: { filter: 'imported', offset: 0, limit: 50 },
  info: undefined,
  stats: undefined,
  tags: undefined,
  categories: undefined,
  article: { id: 1 },
  search: { query: 'rates', limit: 5 },
  searchIds: { query: 'rates' },
  cancelImport: undefined,
  chooseFolders: undefined,
  fetchImages: {},
  cancelFetchImages: undefined,
  imageStatus: { articleId: 1 },
  createCollection: { name: '台风 2026' },
  addToCollection: { name: '台风 2026', selection: { query: 'rates', except: [] } },
  moveInCollection: { name: '台风 2026', articleId: 1, to: 0 },
  listCollections: undefined,
  collectionsOf: { articleId: 1 },
  removeFromCollection: { name: '台风 2026', selection: { ids: [1] } },
  renameCollection: { name: '台风 2026', to: '台风' },
  deleteCollection: { name: '台风' },
  saveSearch: { name: 'rates', query: 'rates', sort: 'newest' },
  listSaved: undefined,
  openSaved: { name: 'rates' },
  deleteSaved: { name: 'rates' },
  setRead: { selection: { ids: [1] }, read: true },
  savePlace: { articleId: 1, position: 0.5 },
  readingState: { articleId: 1 },
  exportArticles: { format: 'html', selection: { ids: [1] }, out: '<tree>/out.html' },
  cancelExport: undefined,
  chooseExportTarget: { format: 'epub' },
  me: undefined,
  listUsers: undefined,
  addUser: { name: 'ann', role: 'editor', password: 'correct horse' },
  setPassword: { name: 'ann', password: 'battery staple' },
  setRole: { name: 'ann', role: 'reader' },
  createToken: { name: 'ann', role: 'reader' },
  removeUser: { name: 'ann' },
  addHighlight: { articleId: 1, quote: 'rates' },
  highlights: {},
  annotations: {},
  updateHighlight: { id: 1, note: 'why' },
  removeHighlight: { id: 1 },
  articleNote: { articleId: 1 },
  setArticleNote: { articleId: 1, note: 'follow up' },
  cite: { ids: [1], style: 'apa' },
  exportReferences: { format: 'ris', ids: [1] },
  clusters: {},
  rebuildClusters: undefined,
  splitFromCluster: { articleId: 1 },
  joinClusters: { articleId: 1, otherId: 2 },
  versions: { articleId: 1 },
  diffArticles: { from: 1, to: 1 },
  editArticle: { id: 1, set: { title: 'Rates, edited' }, addTags: ['economy'] },
  bulkEdit: { ids: [1], removeTags: ['economy'] },
  undo: undefined,
  changes: undefined,
  trashArticles: { ids: [1] },
  trashList: undefined,
  restoreArticles: { ids: [1] },
  emptyTrash: undefined,
  mergeLabels: { kind: 'tag', labels: ['test'], into: 'Test' },
  revisions: { id: 1 },
  revisionDiff: { id: 1, from: 1, to: 1 },
  // Refused alike on both wires, without writing anywhere: the path is the working folder.
  backup: { file: '' },
  lastBackup: undefined,
  check: {},
  watchFolders: { folders: ['/nonexistent-lectern-folder'] },
  unwatchFolders: {},
  watchStatus: undefined,
} satisfies Record<Method, unknown>

describe('every method of the contract crosses both wires unchanged', () => {
  it('answers the same over IPC (structured clone) and over JSON (HTTP)', async () => {
    expect(Object.keys(calls).sort()).toEqual(Object.keys(argChecks).sort())
    tree = tempTree({ 'a.md': article('Rates', 'Interest rates fall.') })
    const overJson = createClient(jsonPair(makeService(() => {}).dispatch))
    behindIpc = makeService(() => {}).dispatch
    const overIpc = desktop.client
    for (const [method, args] of Object.entries(calls) as [Method, unknown][]) {
      const a =
        method === 'importFolders'
          ? { folders: [tree.dir] }
          : method === 'exportArticles'
            ? { ...calls.exportArticles, out: `${tree.dir}/out.html` }
            : args
      const run = (c: Client) =>
        (c.api[method] as (x: unknown) => Promise<unknown>)(a).then(
          (value) => ({ value }),
          (e: unknown) => ({ error: e instanceof ApiError ? e.code : String(e) }),
        )
      const [ipc, json] = [await run(overIpc), await run(overJson)]
      // Paths and times differ between two archives; the shapes and the refusals must not.
      expect(shapeOf(ipc), method).toEqual(shapeOf(json))
      expect('error' in ipc ? ipc.error : 'ok', method).not.toBe('unknown-method')
    }
  })
})

/** The structure of a value with its leaves replaced by their types. */
function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? [shapeOf(v[0])] : []
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shapeOf(x)]))
  return v === null ? null : typeof v
}
