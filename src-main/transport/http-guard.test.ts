import { describe, expect, it } from 'vitest'
import { request } from 'node:http'
import type { HttpTransport } from './http'
import { CSP } from '../shared/csp'
import { createDispatcher } from '../api/dispatcher'
import { ArchiveService } from '../api/service'
import { openArchive } from '../db/open'
import { article } from '../test-support/tmp'
import { httpFixture } from '../test-support/http'

const { folder, serve } = httpFixture()
let http: HttpTransport | undefined
let tree: ReturnType<typeof folder>

interface Sent {
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string
}

function send({ path, method = 'GET', headers = {}, body }: Sent) {
  const { port } = new URL(http!.url)
  return new Promise<{ status: number; headers: Record<string, unknown>; text: string }>(
    (ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      })
      req.on('error', fail)
      req.end(body)
    },
  )
}

const call = (method: string, args: unknown, headers: Record<string, string> = {}) =>
  send({
    path: '/api/call',
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ method, args }),
  })

async function setup(canImport = false) {
  tree = folder({
    'ui/index.html': '<!doctype html><title>Lectern</title>',
    'secret.txt': 'TOP-SECRET',
    'news/a.md': article('Hello', 'world'),
  })
  const service = new ArchiveService({
    db: openArchive(':memory:'),
    path: ':memory:',
    canImport,
    emit: (event, data) => http?.broadcast(event, data),
  })
  http = await serve(tree.path('ui'), { dispatch: createDispatcher(service) })
  return { port: new URL(http.url).port }
}

describe('lectern serve over HTTP', () => {
  it('serves the app with the Content-Security-Policy, and the app for unknown paths', async () => {
    await setup()
    const index = await send({ path: '/' })
    expect(index.status).toBe(200)
    expect(index.headers['content-security-policy']).toBe(`${CSP}; frame-ancestors 'none'`)
    // No other site may frame the page (and overlay its sign-in form).
    expect(index.headers['x-frame-options']).toBe('DENY')
    expect((await send({ path: '/some/route' })).text).toContain('<title>Lectern</title>')
  })

  it('never serves files outside the app folder', async () => {
    await setup()
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      expect((await send({ path })).text).not.toContain('TOP-SECRET')
    }
  })

  it('refuses another Host (DNS rebinding) and another Origin (cross-site requests)', async () => {
    const { port } = await setup()
    expect((await send({ path: '/', headers: { host: `evil.example:${port}` } })).status).toBe(403)
    const cross = await call('stats', undefined, { origin: 'http://evil.example' })
    expect(cross.status).toBe(403)
    const own = await call('stats', undefined, { origin: `http://127.0.0.1:${port}` })
    expect(own.status).toBe(200)
    expect(JSON.parse(own.text)).toMatchObject({ ok: true, value: { articles: 0 } })
    const alias = await send({ path: '/', headers: { host: `localhost:${port}` } })
    expect(alias.status).toBe(200)
  })

  it('takes calls as JSON only, and answers bad ones with an error value', async () => {
    await setup()
    const form = await send({
      path: '/api/call',
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: '{"method":"stats"}',
    })
    expect(form.status).toBe(415)
    expect((await send({ path: '/api/call' })).status).toBe(405)
    const unknown = JSON.parse((await call('dropEverything', {})).text)
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
  })

  it('is read-only unless import was allowed', async () => {
    await setup(false)
    const r = JSON.parse((await call('importFolders', { folders: [tree.path('news')] })).text)
    expect(r).toMatchObject({ ok: false, error: { code: 'read-only' } })
  })

  it('imports when allowed, and streams progress events', async () => {
    const { port } = await setup(true)
    const events: string[] = []
    const stream = new Promise<void>((done) => {
      request({ host: '127.0.0.1', port, path: '/api/events' }, (res) => {
        res.setEncoding('utf8').on('data', (chunk: string) => {
          events.push(chunk)
          if (chunk.includes('"phase":"done"')) {
            res.destroy()
            done()
          }
        })
      }).end()
    })
    await new Promise((r) => setTimeout(r, 100))
    const imported = JSON.parse(
      (await call('importFolders', { folders: [tree.path('news')] })).text,
    )
    expect(imported).toMatchObject({ ok: true, value: { imported: 1 } })
    await stream
    expect(events.join('')).toContain('event: importProgress')
  })
})
