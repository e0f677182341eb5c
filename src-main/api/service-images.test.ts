import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../db/open'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { article, tempTree } from '../test-support/tmp'
import { imageHost, serve, tinyPng, type Handler, type ImageHost } from '../test-support/images'
import type { ImageProgress } from '../shared/images'
import type { PrivateHosts } from '../shared/api'

let tree: ReturnType<typeof tempTree> | undefined
let host: ImageHost | undefined
let service: ArchiveService | undefined
afterEach(async () => {
  service?.close()
  await host?.close()
  tree?.cleanup()
  service = host = tree = undefined
})

async function make(canImport: boolean, handler: Handler = serve(tinyPng(5))) {
  host = await imageHost({ '/a.png': handler, '/b.png': handler })
  tree = tempTree({
    'news/a.md': article('A', `![a](${host.base}/a.png)\n\n![b](${host.base}/b.png)`),
  })
  const events: ImageProgress[] = []
  service = new ArchiveService({
    db: openArchive(tree.path('archive.db'), { create: true }),
    path: tree.path('archive.db'),
    canImport: true,
    // The picture host is on 127.0.0.1: allowed here as `lectern serve --allow-private-hosts` does.
    privateHosts: 'allowed',
    images: { connectTimeoutMs: 2000, timeoutMs: 2000, backoffMs: 5 },
    emit: (event, data) => event === 'imageProgress' && events.push(data as ImageProgress),
  })
  const report = await service.importFolders({ folders: [tree.path('news')] })
  if (!canImport) {
    const db = service.db
    service = new ArchiveService({ db, path: tree.path('archive.db'), canImport: false })
  }
  return { dispatch: createDispatcher(service), id: report.files[0]!.id!, events }
}

describe('pictures through the contract', () => {
  it('fetches, reports progress, and shows the article with its stored pictures', async () => {
    const { dispatch, id, events } = await make(true)
    const r = await dispatch('fetchImages', { articleId: id })
    expect(r).toMatchObject({ ok: true, value: { total: 2, stored: 2, failed: 0 } })
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 2, total: 2 })
    const status = await dispatch('imageStatus', { articleId: id })
    expect(status).toMatchObject({
      ok: true,
      value: [
        { src: `${host!.base}/a.png`, kind: 'remote', status: 'stored', attempts: 1 },
        { src: `${host!.base}/b.png`, kind: 'remote', status: 'stored' },
      ],
    })
    const shown = await dispatch('article', { id })
    const images = (shown as { value: { images: Record<string, string> } }).value.images
    expect(Object.keys(images)).toEqual([`${host!.base}/a.png`, `${host!.base}/b.png`])
    expect(await dispatch('stats', undefined)).toMatchObject({
      value: { images: { stored: 2, missing: 0, failed: 0 } },
    })
    expect(await dispatch('fetchImages', {})).toMatchObject({ ok: true, value: { total: 0 } })
  })

  it('is refused where importing is, and checks its arguments', async () => {
    const { dispatch, id } = await make(false)
    expect(await dispatch('fetchImages', {})).toMatchObject({
      ok: false,
      error: { code: 'read-only' },
    })
    // Looking is allowed.
    expect(await dispatch('imageStatus', { articleId: id })).toMatchObject({ ok: true })
    for (const [m, a] of [
      ['fetchImages', { articleId: 'x' }],
      ['fetchImages', { articleId: 0 }],
      ['fetchImages', { url: 'http://evil.example/' }],
      ['fetchImages', { articleIds: [1, 0] }],
      ['fetchImages', { articleIds: '1,2' }],
      ['fetchImages', { allowPrivateHosts: 'yes' }],
      ['imageStatus', {}],
      ['imageStatus', { articleId: 1.5 }],
      ['cancelFetchImages', { now: true }],
    ] as const) {
      expect(await dispatch(m, a), m).toMatchObject({ ok: false, error: { code: 'bad-arguments' } })
    }
  })

  it('runs one job at a time, and cancels only the job asked', async () => {
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    const slow: Handler = (req, res, n) => void gate.then(() => serve(tinyPng(n))(req, res, n))
    const { dispatch, id } = await make(true, slow)
    const running = dispatch('fetchImages', {})
    await new Promise((r) => setTimeout(r, 50))
    expect(await dispatch('fetchImages', { articleId: id })).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    })
    expect(await dispatch('importFolders', { folders: [tree!.path('news')] })).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    })
    expect(await dispatch('cancelImport', undefined)).toEqual({ ok: true, value: false })
    expect(await dispatch('cancelFetchImages', undefined)).toEqual({ ok: true, value: true })
    release()
    expect(await running).toMatchObject({ ok: true, value: { cancelled: true } })
    expect(await dispatch('cancelFetchImages', undefined)).toEqual({ ok: true, value: false })
    expect(await dispatch('fetchImages', { articleId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
  })

  it('refuses private addresses unless the server allows them or the desktop user asks', async () => {
    const { id } = await make(true)
    const db = service!.db
    const path = tree!.path('archive.db')
    const run = async (privateHosts: PrivateHosts | undefined, args: object) => {
      service = new ArchiveService({ db, path, canImport: true, privateHosts })
      const dispatch = createDispatcher(service)
      const info = await dispatch('info', undefined)
      expect(info).toMatchObject({ value: { privateHosts: privateHosts ?? 'refused' } })
      const r = await dispatch('fetchImages', { articleId: id, ...args })
      return (r as { value: { stored: number; failures: { error: { code: string } }[] } }).value
    }
    // a browser tab cannot overrule the server
    for (const [policy, args] of [
      [undefined, {}],
      ['refused', { allowPrivateHosts: true }],
      ['per-request', {}],
      ['per-request', { allowPrivateHosts: false }],
    ] as const) {
      const report = await run(policy, args)
      expect(report.stored, `${policy} ${JSON.stringify(args)}`).toBe(0)
      expect(report.failures.map((f) => f.error.code)).toEqual([
        'private-address',
        'private-address',
      ])
    }
    expect(host!.total()).toBe(0)
    expect((await run('per-request', { allowPrivateHosts: true })).stored).toBe(2)
  })
})
