import { describe, expect, it } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { imageRefsOf } from '../db/images'
import { importFolders } from '../import/importer'
import { archiveStats } from '../db/stats'
import type { ImageProgress } from '../shared/images'
import { describeEn } from '../shared/messages-en'
import type { ImageFailure } from '../shared/problems'
import { article, tempTree } from '../test-support/tmp'
import { closedAfterEach } from '../test-support/cleanup'
import {
  imageHost,
  redirect,
  serve,
  TINY_JPEG,
  tinyPng,
  type Handler,
  type ImageHost,
} from '../test-support/images'
import { fetchImages } from './fetch-images'
import { mediaFile } from './store'

let tree: ReturnType<typeof tempTree> | undefined
let db: Archive | undefined
let host: ImageHost | undefined
const later = closedAfterEach()

const PNG = tinyPng(200, 10, 10)
// The picture host is on 127.0.0.1: these tests opt in to private addresses, as an intranet would.
const FAST = {
  connectTimeoutMs: 150,
  timeoutMs: 400,
  backoffMs: 5,
  maxBytes: 2048,
  allowPrivateHosts: true,
}

const guarded: Handler = (req, res) => {
  // Like inews.gtimg.com: pictures only for pages of the site.
  if (!String(req.headers.referer ?? '').startsWith('https://news.example/')) {
    res.writeHead(403, { 'content-type': 'text/html' })
    return res.end('<h1>403 Forbidden</h1>')
  }
  serve(tinyPng(1, 2, 3))(req, res, 0)
}

/** The server's own address, for absolute redirects (known once it listens). */
let self = ''

function routes(): Record<string, Handler> {
  const chain: Record<string, Handler> = {}
  for (let i = 0; i < 9; i++) chain[`/many${i}`] = redirect(`/many${i + 1}`)
  return {
    '/a.png': serve(PNG),
    '/same-bytes.png': serve(PNG),
    '/b.jpg': serve(TINY_JPEG, 'image/jpeg'),
    '/thumb.png': serve(tinyPng(9, 9, 9)),
    '/guarded.png': guarded,
    '/guarded-c.png': guarded,
    '/slow.png': (_req, res) => {
      setTimeout(() => !res.destroyed && serve(tinyPng(5))(_req, res, 0), 1500)
    },
    '/slow-body.png': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.write(tinyPng(6).subarray(0, 20)) // then nothing more
    },
    '/big.png': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': 50_000_000 })
      res.write(tinyPng(7))
    },
    '/big-stream.png': (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' }) // no length: caught while reading
      res.write(tinyPng(8))
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(1000))
      res.end()
    },
    '/page.jpg': serve('<!DOCTYPE html><html><body>Hotlinking denied</body></html>', 'image/jpeg'),
    '/r1': redirect('/r2', 301),
    '/r2': (req, res, n) => redirect(`${self}/r3`, 307)(req, res, n),
    '/r3': redirect('/final.png', 302),
    '/final.png': serve(tinyPng(4)),
    '/loop1': redirect('/loop2'),
    '/loop2': redirect('/loop1'),
    ...chain,
    '/to-file': redirect('file:///etc/passwd'),
    '/flaky.png': (req, res, n) =>
      n === 1 ? serve('oops', 'text/plain', 500)(req, res, n) : serve(tinyPng(11))(req, res, n),
    '/down.png': serve('maintenance', 'text/plain', 503),
    '/gone.png': serve('<h1>Not here</h1>', 'text/html', 404),
  }
}

const md = (base: string, paths: string[]) => paths.map((p) => `![](${base}${p})`).join('\n\n')

describe('fetching remote pictures', () => {
  it('stores what can be stored, records why the rest failed, and retries only those', async () => {
    host = later(await imageHost(routes()))
    const base = (self = host.base)

    tree = later(
      tempTree({
        'news/a.md': article(
          'A',
          md(base, [
            '/a.png',
            '/b.jpg',
            '/guarded.png',
            '/slow.png',
            '/slow-body.png',
            '/big.png',
            '/big-stream.png',
            '/page.jpg',
            '/r1',
            '/loop1',
            '/many0',
            '/to-file',
            '/flaky.png',
            '/down.png',
            '/gone.png',
          ]),
          `source_url: https://news.example/a\nthumbnail: ${base}/thumb.png\n`,
        ),
        'news/b.md': article('B', md(base, ['/a.png', '/same-bytes.png']), 'source: Other\n'),
        'news/c.md': article('C', md(base, ['/guarded-c.png'])),
      }),
    )
    db = later(openArchive(tree.path('archive.db'), { create: true }))
    const imported = await importFolders(db, [tree.path('news')])
    expect(imported.imported).toBe(3)
    expect(archiveStats(db).images).toEqual({ stored: 0, missing: 19, failed: 0, bytes: 0 })

    const progress: ImageProgress[] = []
    const first = await fetchImages(db, { ...FAST, onProgress: (p) => progress.push(p) })

    const status = new Map(
      db
        .prepare(`SELECT url, status, error, attempts FROM image_refs`)
        .all()
        .map((r) => {
          const row = r as { url: string; status: string; error: string | null; attempts: number }
          return [row.url.slice(base.length), row] as const
        }),
    )
    const stored = [
      '/a.png',
      '/same-bytes.png',
      '/b.jpg',
      '/thumb.png',
      '/guarded.png',
      '/r1',
      '/flaky.png',
    ]
    for (const p of stored)
      expect(status.get(p), p).toMatchObject({ status: 'stored', error: null })
    const failed: Record<string, string> = {
      '/slow.png': 'no answer within 150 ms',
      '/slow-body.png': 'timed out after 400 ms',
      '/big.png': 'too large (48 MB; the limit is 2 KB)',
      '/big-stream.png': 'too large (over 2 KB)',
      '/page.jpg': 'not an image (served as image/jpeg)',
      '/loop1': 'redirect loop',
      '/many0': 'too many redirects (more than 5)',
      '/to-file': 'redirect to a file: address',
      '/down.png': 'HTTP 503',
      '/gone.png': 'HTTP 404',
      '/guarded-c.png': 'HTTP 403',
    }
    for (const [p, error] of Object.entries(failed)) {
      const row = status.get(p)
      expect(row?.status, p).toBe('failed')
      // kept as a code with parameters, worded when shown
      expect(describeEn(JSON.parse(row!.error!) as ImageFailure), p).toBe(error)
    }
    expect(first).toMatchObject({ total: 18, stored: 7, failed: 11, cancelled: false })
    expect(first.failures.map((f) => f.url.slice(base.length)).sort()).toEqual(
      Object.keys(failed).sort(),
    )

    // One download per address, whatever the number of articles; retries only where they help.
    expect(host.hits.get('/a.png')).toBe(1)
    expect(host.hits.get('/flaky.png')).toBe(2)
    expect(host.hits.get('/down.png')).toBe(3) // 1 + 2 retries
    expect(host.hits.get('/gone.png')).toBe(1) // a 4xx is not retried
    expect(host.hits.get('/page.jpg')).toBe(1)
    expect(host.hits.get('/many5')).toBe(1)
    expect(host.hits.get('/many6')).toBeUndefined()
    // Like a browser on the article's page.
    expect(host.headers.get('/guarded.png')).toMatchObject({
      referer: 'https://news.example/a',
      'user-agent': expect.stringMatching(/^Mozilla\/5\.0 .*Chrome\//),
    })

    // Content-addressed: two addresses, the same bytes, one file.
    const idB = imported.files.find((f) => f.path === 'b.md')?.id as number
    const refsB = imageRefsOf(db, idB)
    expect(refsB).toHaveLength(2)
    expect(refsB[0]?.media).toBe(refsB[1]?.media)
    const hash = refsB[0]!.media!.slice('/media/'.length, -'.png'.length)
    const file = mediaFile(tree.path('archive.db.media'), hash, 'png')
    expect(readFileSync(file)).toEqual(PNG)
    expect(getArticle(db, idB)?.images).toEqual({
      [`${base}/a.png`]: refsB[0]!.media,
      [`${base}/same-bytes.png`]: refsB[0]!.media,
    })
    const files = readdirSync(tree.path('archive.db.media'), { recursive: true })
    expect(files.filter((f) => String(f).includes('.'))).toHaveLength(7 - 1) // same bytes as a.png
    expect(archiveStats(db).images).toMatchObject({ stored: 8, missing: 0, failed: 11 })

    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 18, total: 18, failed: 11 })

    // Second run: only the failed addresses are asked for again.
    host.hits.clear()
    const second = await fetchImages(db, FAST)
    expect(second).toMatchObject({ total: 11, stored: 0, failed: 11 })
    for (const p of stored) expect(host.hits.get(p), p).toBeUndefined()
    expect(host.hits.get('/gone.png')).toBe(1)
    const gone = db
      .prepare(`SELECT attempts FROM image_refs WHERE url = ?`)
      .get(`${base}/gone.png`) as { attempts: number }
    expect(gone.attempts).toBe(2)
    expect(existsSync(file)).toBe(true)
  })

  it('keeps to the limits overall and per host, with a fetch pointed at a local server', async () => {
    const delayed: Handler = (req, res, n) =>
      setTimeout(() => serve(tinyPng(n, 1))(req, res, n), 25)
    host = later(await imageHost({ '/pic.png': delayed }))
    const base = host.base
    const hosts = ['img1.gtimg.test', 'img2.sinaimg.test', 'img3.example.test']
    const paths = (h: string) => Array.from({ length: 6 }, (_, i) => `https://${h}/pic.png?${i}`)
    tree = later(
      tempTree({
        'news/a.md': article(
          'A',
          hosts
            .flatMap(paths)
            .map((u) => `![](${u})`)
            .join('\n\n'),
        ),
      }),
    )
    db = later(openArchive(tree.path('archive.db'), { create: true }))
    await importFolders(db, [tree.path('news')])
    const seen: string[] = []
    const report = await fetchImages(db, {
      ...FAST,
      timeoutMs: 5000,
      concurrency: 4,
      perHost: 2,
      fetch: (url, init) => {
        const u = new URL(url)
        seen.push(u.host)
        const headers = { ...(init.headers as Record<string, string>), 'x-test-host': u.host }
        return fetch(`${base}${u.pathname}${u.search}`, { ...init, headers })
      },
    })
    expect(report).toMatchObject({ total: 18, stored: 18, failed: 0 })
    expect(new Set(seen)).toEqual(new Set(hosts))
    expect(host.maxInFlight()).toBe(4)
    for (const h of hosts) expect(host.maxInFlight(h)).toBe(2)
  })

  it('stops when cancelled and leaves the rest for next time', async () => {
    const delayed: Handler = (req, res, n) =>
      setTimeout(() => serve(tinyPng(n, 2))(req, res, n), 30)
    host = later(await imageHost({ '/pic.png': delayed }))
    const urls = Array.from({ length: 12 }, (_, i) => `${host!.base}/pic.png?${i}`)
    tree = later(tempTree({ 'news/a.md': article('A', urls.map((u) => `![](${u})`).join('\n\n')) }))
    db = later(openArchive(tree.path('archive.db'), { create: true }))
    await importFolders(db, [tree.path('news')])
    const ctrl = new AbortController()
    const report = await fetchImages(db, {
      ...FAST,
      timeoutMs: 5000,
      signal: ctrl.signal,
      onProgress: (p) => p.done >= 2 && ctrl.abort(),
    })
    expect(report.cancelled).toBe(true)
    expect(report.stored).toBeGreaterThanOrEqual(2)
    expect(report.stored).toBeLessThan(12)
    const stats = archiveStats(db).images
    expect(stats).toMatchObject({ stored: report.stored, failed: 0 })
    expect(stats.missing).toBe(12 - report.stored)
    const again = await fetchImages(db, { ...FAST, timeoutMs: 5000 })
    expect(again).toMatchObject({ total: 12 - report.stored, stored: 12 - report.stored })
  })
})
