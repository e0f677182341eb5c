import { describe, expect, it, vi } from 'vitest'
import { request } from 'node:http'
import type { HttpTransport } from './http'
import { createDispatcher } from '../api/dispatcher'
import { ArchiveService } from '../api/service'
import { openArchive } from '../db/open'
import { httpFixture } from '../test-support/http'

const { folder, serve } = httpFixture()
let http: HttpTransport | undefined

async function setup() {
  const tree = folder({ 'ui/index.html': '<!doctype html><title>Lectern</title>' })
  const service = new ArchiveService({
    db: openArchive(':memory:'),
    path: ':memory:',
    canImport: false,
  })
  http = await serve(tree.path('ui'), { dispatch: createDispatcher(service) })
}

function post(body: string | Buffer) {
  const { port } = new URL(http!.url)
  return new Promise<{ status: number; json: unknown }>((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/call',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        )
      },
    )
    req.on('error', fail)
    req.end(body)
  })
}

const call = (method: unknown, args?: unknown) => post(JSON.stringify({ method, args }))

describe('errors over HTTP', () => {
  it('arrive as the dispatcher made them: code, parameters, message', async () => {
    await setup()
    expect((await call('article', { id: 'x' })).json).toEqual({
      ok: false,
      error: {
        code: 'bad-arguments',
        params: { at: 'article.id', rule: 'whole-number', min: 1, max: Number.MAX_SAFE_INTEGER },
        message: `article.id must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
      },
    })
    expect((await call('importFolders', { folders: ['/tmp'] })).json).toMatchObject({
      ok: false,
      error: { code: 'read-only', params: { action: 'import' } },
    })
    expect((await call('constructor')).json).toMatchObject({
      ok: false,
      error: { code: 'unknown-method', params: { method: 'constructor' } },
    })
    expect((await call('search', { query: '！！' })).json).toMatchObject({
      ok: true,
      value: { error: { code: 'unsearchable-query' } },
    })
  })

  it('answers a body that is not JSON with bad-request', async () => {
    await setup()
    const r = await post('{"method": "stats"')
    expect(r).toEqual({
      status: 200,
      json: {
        ok: false,
        error: { code: 'bad-request', message: 'The request was not valid JSON.' },
      },
    })
  })

  it('answers an oversized body with request-too-large, not a dropped connection', async () => {
    await setup()
    const r = await post(JSON.stringify({ method: 'search', args: { query: 'x'.repeat(2 << 20) } }))
    expect(r.status).toBe(413)
    expect(r.json).toMatchObject({
      ok: false,
      error: { code: 'request-too-large', params: { limit: 1024 * 1024 } },
    })
  })

  it('never sends an internal error’s own text to the browser', async () => {
    const tree = folder({ 'ui/index.html': '' })
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const leaky = {
      stats() {
        throw new Error('SQLITE_CORRUPT at /home/me/.config/Lectern/archive.db')
      },
    }
    http = await serve(tree.path('ui'), { dispatch: createDispatcher(leaky as never) })
    try {
      const r = await call('stats')
      expect(r.json).toMatchObject({ ok: false, error: { code: 'internal' } })
      expect(JSON.stringify(r.json)).not.toMatch(/SQLITE|home/)
    } finally {
      log.mockRestore()
    }
  })
})
