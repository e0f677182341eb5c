import { describe, expect, it, vi } from 'vitest'
import { request } from 'node:http'
import type { HttpTransport } from './http'
import { storeMedia } from '../images/store'
import { locateMedia } from '../images/serve'
import { httpFixture } from '../test-support/http'
import { tinyPng } from '../test-support/images'

const { folder, serve } = httpFixture()
let http: HttpTransport | undefined

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

/** A raw request: the path goes out exactly as written (no client-side normalising). */
function get(path: string, method = 'GET') {
  const { port } = new URL(http!.url)
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (ok, fail) => {
      const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      req.on('error', fail)
      req.end()
    },
  )
}

async function setup(withStore = true) {
  const tree = folder({
    'ui/index.html': '<!doctype html><title>Lectern</title>',
    'secret.txt': 'TOP-SECRET',
  })
  const dir = tree.path('archive.db.media')
  const png = await storeMedia(dir, tinyPng(9), 'png')
  const svg = await storeMedia(dir, Buffer.from(SVG), 'svg')
  http = await serve(tree.path('ui'), {
    dispatch: async () => ({ ok: true, value: null }),
    media: (name) => locateMedia(withStore ? dir : null, name),
  })
  return { png, svg }
}

describe('GET /media/<hash>.<ext>', () => {
  it('serves a stored picture with its type, never sniffed, cached for good', async () => {
    const { png } = await setup()
    const r = await get(`/media/${png}.png`)
    expect(r.status).toBe(200)
    expect(r.body).toEqual(tinyPng(9))
    expect(r.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'cache-control': expect.stringContaining('immutable'),
      'content-length': String(tinyPng(9).length),
    })
    const head = await get(`/media/${png}.png`, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('serves SVG sandboxed, so a script in it cannot run when it is opened', async () => {
    const { svg } = await setup()
    const r = await get(`/media/${svg}.svg`)
    expect(r.status).toBe(200)
    expect(r.headers['content-type']).toBe('image/svg+xml')
    expect(r.headers['content-security-policy']).toMatch(/default-src 'none'.*sandbox/)
  })

  it('refuses bad names and path tricks, and knows only what is stored', async () => {
    const { png } = await setup()
    for (const path of [
      `/media/${png}.html`,
      `/media/${png.toUpperCase()}.png`,
      `/media/${png}`,
      `/media/${png.slice(0, 2)}/${png.slice(2)}.png`,
      `/media/..%2f..%2fsecret.txt`,
      `/media/${png}.png%00.txt`,
      `/media/${png}.png/..%2f..%2f..%2fsecret.txt`,
      `/media/`,
    ]) {
      const r = await get(path)
      expect(r.status, path).toBe(400)
      expect(r.body.toString(), path).not.toContain('TOP-SECRET')
    }
    // Dot segments (%2e%2e too, per the URL standard) are resolved before routing: these never
    // reach the media route, and the static route keeps to its own folder.
    for (const path of ['/media/../secret.txt', '/media/%2e%2e/%2e%2e/secret.txt']) {
      expect((await get(path)).body.toString(), path).not.toContain('TOP-SECRET')
    }
    expect((await get(`/media/${'0'.repeat(64)}.png`)).status).toBe(404)
    expect((await get(`/media/${png}.jpg`)).status).toBe(404)
    expect((await get(`/media/${png}.png`, 'POST')).status).toBe(405)
  })

  it('lets a page close a picture it is being sent without logging a fault', async () => {
    const tree = folder({})
    // larger than a socket takes at once, so the page is gone while the file is still read
    const big = await storeMedia(tree.path('media'), Buffer.alloc(32 << 20, 7), 'png')
    http = await serve(tree.path('ui'), {
      dispatch: async () => ({ ok: true, value: null }),
      media: (name) => locateMedia(tree.path('media'), name),
    })
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const { port } = new URL(http.url)
      const closed = new Promise<number>((ok, fail) => {
        const req = request({ host: '127.0.0.1', port, path: `/media/${big}.png` }, (res) => {
          res.once('data', () => {
            req.destroy()
            // (the server notices the closed socket on its next write)
            setTimeout(() => ok(res.statusCode ?? 0), 300)
          })
        })
        req.on('error', () => undefined)
        req.on('close', () => undefined)
        req.end()
        setTimeout(() => fail(new Error('no answer')), 5000)
      })
      expect(await closed).toBe(200)
      expect(errors.mock.calls.filter((c) => String(c[0]).includes('internal error'))).toEqual([])
      // and the server still answers
      expect((await get(`/media/${big}.png`, 'HEAD')).status).toBe(200)
    } finally {
      errors.mockRestore()
    }
  })

  it('answers 404 when the archive has no media store', async () => {
    const { png } = await setup(false)
    expect((await get(`/media/${png}.png`)).status).toBe(404)
  })
})
