import { describe, expect, it } from 'vitest'
import type { LookupAddress } from 'node:dns'
import { openArchive, type Archive } from '../db/open'
import { imageRefsOf } from '../db/images'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { closedAfterEach } from '../test-support/cleanup'
import { imageHost, redirect, serve, tinyPng, type ImageHost } from '../test-support/images'
import { guardedFetch, guardedLookup, isPublicAddress, type Resolver } from './address-guard'
import { downloadImage } from './download'
import { DEFAULT_LIMITS } from './limits'
import { fetchImages } from './fetch-images'

let tree: ReturnType<typeof tempTree> | undefined
let db: Archive | undefined
let host: ImageHost | undefined
const later = closedAfterEach()

describe('which addresses are public', () => {
  const rows: [string, boolean][] = [
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::808:808', true], // NAT64 of a public address (IPv6-only networks)
    ['127.0.0.1', false],
    ['127.255.0.9', false],
    ['10.1.2.3', false],
    ['172.16.5.4', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false], // cloud metadata
    ['100.64.0.1', false], // carrier-grade NAT
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fd12:3456::1', false],
    ['fc00::1', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['[::ffff:10.0.0.1]', false],
    ['64:ff9b::7f00:1', false], // NAT64 of loopback
    ['::127.0.0.1', false], // IPv4-compatible (deprecated)
    ['not an address', false],
  ]
  it.each(rows)('%s → public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected)
  })
})

const resolverOf =
  (table: Record<string, string[]>, calls: string[] = []): Resolver =>
  async (name) => {
    calls.push(name)
    const all = table[name]
    if (!all) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' })
    return all.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }))
  }

describe('the guarded lookup', () => {
  const lookup = (name: string, options: { all?: boolean; family?: number }, allow = false) =>
    new Promise<unknown>((ok) =>
      guardedLookup(
        resolverOf({
          'pub.example': ['8.8.8.8', '2001:4860::8888'],
          'mixed.example': ['8.8.8.8', '10.0.0.1'],
        }),
        allow,
      )(name, options, (err, address, family) => ok(err ? err.message : { address, family })),
    )

  it('answers as net.connect asks (all, or one of a family) with the checked addresses', async () => {
    expect(await lookup('pub.example', { all: true })).toEqual({
      address: [
        { address: '8.8.8.8', family: 4 },
        { address: '2001:4860::8888', family: 6 },
      ],
      family: undefined,
    })
    expect(await lookup('pub.example', { family: 6 })).toEqual({
      address: '2001:4860::8888',
      family: 6,
    })
  })

  it('refuses a name with any private address, unless allowed', async () => {
    expect(await lookup('mixed.example', { all: true })).toMatch(/private address \(10\.0\.0\.1\)/)
    expect(await lookup('mixed.example', { family: 4 }, true)).toEqual({
      address: '8.8.8.8',
      family: 4,
    })
  })
})

describe('downloads refuse private addresses', () => {
  async function archiveWith(urls: string[]) {
    tree = later(tempTree({ 'news/a.md': article('A', urls.map((u) => `![](${u})`).join('\n\n')) }))
    db = later(openArchive(tree.path('archive.db'), { create: true }))
    const report = await importFolders(db, [tree.path('news')])
    return report.files[0]!.id!
  }
  const FAST = { connectTimeoutMs: 1000, timeoutMs: 2000, backoffMs: 5 }

  it('in every spelling of a loopback address, and by names that resolve to one', async () => {
    host = later(await imageHost({ '/a.png': serve(tinyPng(1)) }))
    const port = new URL(host.base).port
    const urls = [
      `http://127.0.0.1:${port}/a.png`,
      `http://2130706433:${port}/a.png`, // decimal
      `http://0x7f000001:${port}/a.png`, // hex
      `http://0x7f.0.0.1:${port}/a.png`,
      `http://0177.0.0.1:${port}/a.png`, // octal
      `http://127.1:${port}/a.png`,
      `http://0.0.0.0:${port}/a.png`,
      `http://[::1]:${port}/a.png`,
      `http://[::ffff:127.0.0.1]:${port}/a.png`,
      `http://localhost:${port}/a.png`,
      `http://pictures.example:${port}/a.png`, // a public-looking name, resolving inside
    ]
    const id = await archiveWith(urls)
    const calls: string[] = []
    const report = await fetchImages(db!, {
      ...FAST,
      resolve: resolverOf(
        { 'pictures.example': ['127.0.0.1'], localhost: ['127.0.0.1', '::1'] },
        calls,
      ),
    })
    expect(report.stored).toBe(0)
    expect(report.failed).toBe(report.total)
    expect(new Set(report.failures.map((f) => f.error.code))).toEqual(new Set(['private-address']))
    // the address that was refused goes with the reason
    expect(report.failures.map((f) => f.error)).toContainEqual({
      code: 'private-address',
      params: { address: '127.0.0.1' },
    })
    expect(report.failures.map((f) => f.error)).toContainEqual({
      code: 'private-address',
      params: { address: '::ffff:7f00:1' },
    })
    expect(host.total()).toBe(0)
    expect(calls.sort()).toEqual(['localhost', 'pictures.example'])
    // kept as failed with the reason, tried again by the next fetch (not retried now)
    const refs = imageRefsOf(db!, id)
    expect(refs.every((r) => r.status === 'failed' && r.error?.code === 'private-address')).toBe(
      true,
    )
    expect(refs.every((r) => r.attempts === 1)).toBe(true)
  })

  it('allowed, it connects to exactly the address that was checked', async () => {
    host = later(await imageHost({ '/a.png': serve(tinyPng(2)) }))
    const port = new URL(host.base).port
    await archiveWith([`http://pictures.example:${port}/a.png`])
    const calls: string[] = []
    const report = await fetchImages(db!, {
      ...FAST,
      allowPrivateHosts: true,
      resolve: resolverOf({ 'pictures.example': ['127.0.0.1'] }, calls),
    })
    // pictures.example exists nowhere else: the picture came through the checked answer
    expect(report).toMatchObject({ total: 1, stored: 1, failed: 0 })
    expect(calls).toEqual(['pictures.example'])
    expect(host.hits.get('/a.png')).toBe(1)
  })

  it('a name that answers public, then loopback (DNS rebinding) never reaches loopback', async () => {
    host = later(await imageHost({ '/a.png': serve(tinyPng(5)) }))
    const port = new URL(host.base).port
    await archiveWith([`http://rebind.example:${port}/a.png`])
    let answers = 0
    const rebinding: Resolver = async () => [
      { address: answers++ === 0 ? '8.8.8.8' : '127.0.0.1', family: 4 },
    ]
    const report = await fetchImages(db!, {
      ...FAST,
      connectTimeoutMs: 300,
      retries: 2,
      resolve: rebinding,
    })
    // A check that resolved apart from the connection would pass 8.8.8.8 and then connect to
    // 127.0.0.1. Here the first answer is the address connected to (unreachable or slow,
    // depending on the network); any later attempt gets the second answer, checked and refused.
    expect(report).toMatchObject({ stored: 0, failed: 1 })
    expect(host.total()).toBe(0)
    if (answers > 1) expect(report.failures[0]!.error.code).toBe('private-address')
  })

  it('on every redirect, from a public host to a private one', async () => {
    host = later(await imageHost({ '/a.png': serve(tinyPng(3)) }))
    const port = new URL(host.base).port
    const guard = await guardedFetch({
      resolve: resolverOf({ 'intranet.example': ['192.168.0.10'] }),
    })
    // The public host's answer stands in for the web; every hop goes through the guard.
    const targets = [`${host.base}/a.png`, `http://intranet.example:${port}/a.png`]
    try {
      for (const target of targets) {
        const r = await downloadImage('https://public.example/pic.png', null, {
          limits: { ...DEFAULT_LIMITS, ...FAST },
          fetch: (url, init) =>
            new URL(url).hostname === 'public.example'
              ? Promise.resolve(new Response(null, { status: 302, headers: { location: target } }))
              : guard.fetch(url, init),
        })
        expect(r).toMatchObject({
          ok: false,
          error: { code: 'private-address' },
          retryable: false,
        })
      }
    } finally {
      guard.close()
    }
    expect(host.total()).toBe(0)
  })

  it('a redirect between allowed hosts still works when private hosts are allowed', async () => {
    host = later(await imageHost({ '/r': redirect('/a.png'), '/a.png': serve(tinyPng(4)) }))
    await archiveWith([`${host.base}/r`])
    const report = await fetchImages(db!, { ...FAST, allowPrivateHosts: true })
    expect(report).toMatchObject({ stored: 1, failed: 0 })
  })
})
