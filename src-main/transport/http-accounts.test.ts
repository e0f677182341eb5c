import { afterEach, describe, expect, it } from 'vitest'
import { startHttp, type HttpTransport } from './http'
import { createDispatcher } from '../api/dispatcher'
import { ArchiveService, type ServiceOptions } from '../api/service'
import type { ThrottleOptions } from '../api/throttle'
import { openArchive } from '../db/open'
import { article, tempTree } from '../test-support/tmp'
import { client, cookieFrom, testTls } from '../test-support/http'

// `lectern serve` with accounts, over real HTTP on loopback: who may call what, and what a
// guesser, a stranger's cookie or another archive's session gets.

/** Cheap hashes: these tests are about who gets in, not about scrypt's cost. */
const FAST = { N: 2 ** 10, r: 8, p: 1 }

let open: HttpTransport[] = []
let tree: ReturnType<typeof tempTree> | undefined
afterEach(async () => {
  for (const h of open) await h.close()
  tree?.cleanup()
  open = []
  tree = undefined
})

interface Setup {
  canImport?: boolean
  throttle?: ThrottleOptions
  sessionMs?: number
  tls?: boolean
  allowHosts?: string[]
  file?: string
}

async function server(s: Setup = {}) {
  tree ??= tempTree({
    'ui/index.html': '<!doctype html><title>Lectern</title>',
    'news/a.md': article('Rates', 'Interest rates fall.'),
  })
  const opts: ServiceOptions = {
    db: openArchive(s.file ?? ':memory:', { create: true }),
    path: s.file ?? ':memory:',
    canImport: s.canImport ?? false,
    accounts: {
      cost: FAST,
      throttle: s.throttle ?? { free: 1000 },
      ...(s.sessionMs ? { sessionMs: s.sessionMs } : {}),
    },
  }
  const service = new ArchiveService(opts)
  for (const [name, role] of [
    ['ada', 'admin'],
    ['ed', 'editor'],
    ['rita', 'reader'],
    ['rex', 'reader'],
  ] as const) {
    if (!service.accounts.list().some((u) => u.name === name)) {
      await service.accounts.add(name, role, `${name} password`)
    }
  }
  const http = await startHttp({
    dispatch: createDispatcher(service, { local: null }),
    staticDir: tree.path('ui'),
    host: '127.0.0.1',
    port: 0,
    accounts: service.accounts,
    ...(s.tls ? { tls: testTls } : {}),
    ...(s.allowHosts ? { allowHosts: s.allowHosts } : {}),
  })
  open.push(http)
  const c = client(http.url)
  /** Signs in and returns the Cookie header to send. */
  const as = async (name: string) => {
    const r = await c.login(name, `${name} password`)
    expect(r.status, r.text).toBe(200)
    return { cookie: cookieFrom(r) }
  }
  return { service, http, c, as }
}

describe('lectern serve with accounts', () => {
  it('refuses anonymous calls, event streams and pictures, but serves the sign-in page', async () => {
    const { c } = await server()
    const call = await c.call('search', { query: 'rates' })
    expect(call.status).toBe(401)
    expect(call.json).toMatchObject({ ok: false, error: { code: 'unauthenticated' } })
    expect((await c.send({ path: '/api/events' })).status).toBe(401)
    expect((await c.send({ path: '/media/' + 'a'.repeat(64) + '.png' })).status).toBe(401)
    expect((await c.call('me', undefined, { cookie: 'lectern_session=made-up' })).status).toBe(401)
    const page = await c.send({ path: '/' })
    expect(page.status).toBe(200)
    expect(page.text).toContain('<title>Lectern</title>')
  })

  it('signs in with a cookie that scripts cannot read and other sites do not send', async () => {
    const { c } = await server()
    const r = await c.login('Rita', 'rita password')
    expect(r.json).toEqual({ ok: true, value: { name: 'rita', role: 'reader' } })
    const set = r.headers['set-cookie']?.[0] ?? ''
    expect(set).toMatch(/^lectern_session=[\w-]{43}; /)
    expect(set).toContain('HttpOnly')
    expect(set).toContain('SameSite=Strict')
    expect(set).toMatch(/Max-Age=43200/)
    expect(set).not.toContain('Secure')
    const me = await c.call('me', undefined, { cookie: cookieFrom(r) })
    expect(me.json).toEqual({ ok: true, value: { name: 'rita', role: 'reader', accounts: true } })
  })

  it('answers a wrong password and an unknown name alike, at about the same cost', async () => {
    // A real cost here: an unknown name must cost a hash too, or its quick answer says "no such
    // account". Without the dummy hash the two differ a hundredfold, so the bar is far off. The
    // cost is the process's processor time (scrypt's threads included), not the clock: a busy
    // machine stretches the clock of one sign-in and not the other, never the work done.
    const { c, service } = await server()
    await service.accounts.setPassword('rex', 'rex password')
    const slow = new ArchiveService({
      db: openArchive(':memory:'),
      path: ':memory:',
      canImport: false,
      accounts: { cost: { N: 2 ** 14, r: 8, p: 1 }, throttle: { free: 1000 } },
    })
    await slow.accounts.add('rex', 'reader', 'rex password')
    const http = await startHttp({
      dispatch: createDispatcher(slow, { local: null }),
      staticDir: tree!.path('ui'),
      host: '127.0.0.1',
      port: 0,
      accounts: slow.accounts,
    })
    open.push(http)
    const s = client(http.url)
    const timed = async (name: string) => {
      const t = process.cpuUsage()
      const r = await s.login(name, 'not the password')
      const used = process.cpuUsage(t)
      return {
        ms: (used.user + used.system) / 1000,
        status: r.status,
        text: r.text,
        cookie: r.headers['set-cookie'],
      }
    }
    await timed('rex') // the first sign-in also makes the dummy hash
    const known = [await timed('rex'), await timed('rex'), await timed('rex')]
    const unknown = [await timed('nobody'), await timed('nobody'), await timed('nobody')]
    const malformed = await timed('no such name!')
    for (const r of [...unknown, malformed]) {
      expect(r.status).toBe(known[0]!.status)
      expect(r.text).toBe(known[0]!.text)
      expect(r.cookie).toBeUndefined()
    }
    expect(known[0]!.status).toBe(401)
    expect(JSON.parse(known[0]!.text)).toMatchObject({ error: { code: 'sign-in-failed' } })
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1]!
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3)
    void c
  })

  it('slows a name after five failures, with a growing wait, even for the right password', async () => {
    const { c } = await server({ throttle: { free: 5, baseMs: 400, maxMs: 60_000 } })
    for (let i = 0; i < 5; i++) expect((await c.login('rita', 'wrong')).status).toBe(401)
    const held = await c.login('rita', 'rita password')
    expect(held.status).toBe(429)
    expect(held.headers['retry-after']).toBe('1')
    expect(held.json).toMatchObject({
      error: { code: 'too-many-attempts', params: { seconds: 1 } },
    })
    expect(held.headers['set-cookie']).toBeUndefined()
    await new Promise((r) => setTimeout(r, 450))
    // One more failure doubles the wait.
    expect((await c.login('rita', 'wrong')).status).toBe(401)
    expect((await c.login('rita', 'rita password')).status).toBe(429)
    await new Promise((r) => setTimeout(r, 300))
    expect((await c.login('rita', 'rita password')).status).toBe(429)
    await new Promise((r) => setTimeout(r, 600))
    expect((await c.login('rita', 'rita password')).status).toBe(200)
  })

  it('slows an address that tries many names, whether they exist or not', async () => {
    const { c } = await server({ throttle: { free: 5, baseMs: 60_000 } })
    for (const name of ['a1', 'rex', 'b2', 'c3', 'ed']) {
      expect((await c.login(name, 'wrong')).status).toBe(401)
    }
    const r = await c.login('ada', 'ada password')
    expect(r.status).toBe(429)
    expect(r.json).toMatchObject({ error: { code: 'too-many-attempts', params: { seconds: 60 } } })
  })

  it('lets a reader search but not import, an editor import, and only an admin manage accounts', async () => {
    tree = tempTree({
      'ui/index.html': '<!doctype html><title>Lectern</title>',
      'news/a.md': article('Rates', 'Interest rates fall.'),
    })
    const { c, as } = await server({ canImport: true })
    const rita = await as('rita')
    const ed = await as('ed')
    const ada = await as('ada')
    const folders = { folders: [tree.path('news')] }

    const refused = await c.call('importFolders', folders, rita)
    expect(refused.status).toBe(403)
    expect(refused.json).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await c.call('fetchImages', {}, rita)).status).toBe(403)

    const imported = await c.call('importFolders', folders, ed)
    expect(imported.json).toMatchObject({ ok: true, value: { imported: 1 } })
    const found = await c.call('search', { query: 'rates' }, rita)
    expect(found.json).toMatchObject({ ok: true, value: { total: 1 } })

    expect((await c.call('listUsers', undefined, ed)).status).toBe(403)
    expect(
      (await c.call('addUser', { name: 'eve', role: 'admin', password: 'x'.repeat(9) }, ed)).status,
    ).toBe(403)
    const added = await c.call(
      'addUser',
      { name: 'newbie', role: 'reader', password: 'a long one' },
      ada,
    )
    expect(added.json).toMatchObject({ ok: true, value: { name: 'newbie', role: 'reader' } })
    // A role change applies to sessions already open.
    await c.call('setRole', { name: 'ed', role: 'reader' }, ada)
    expect((await c.call('importFolders', folders, ed)).status).toBe(403)
  })

  it('takes tokens for scripts on /api/call, never above the role asked, and nowhere else', async () => {
    const { c, as } = await server({ canImport: true })
    const ada = await as('ada')
    const made = await c.call('createToken', { name: 'ed', role: 'reader' }, ada)
    const { token } = (made.json as { value: { token: string } }).value
    expect(token).toMatch(/^lectern_[\w-]{43}$/)
    const bearer = { authorization: `Bearer ${token}` }
    expect((await c.call('me', undefined, bearer)).json).toEqual({
      ok: true,
      value: { name: 'ed', role: 'reader', accounts: true },
    })
    expect((await c.call('search', { query: 'rates' }, bearer)).status).toBe(200)
    expect((await c.call('importFolders', { folders: ['/tmp'] }, bearer)).status).toBe(403)
    expect((await c.send({ path: '/api/events', headers: bearer })).status).toBe(401)
    const wrong = { authorization: `Bearer ${token.slice(0, -2)}xx` }
    expect((await c.call('me', undefined, wrong)).status).toBe(401)
    // A bad token is not rescued by a good cookie.
    expect((await c.call('me', undefined, { ...wrong, cookie: ada.cookie })).status).toBe(401)
    // A token never outranks its account: demoted, the token is demoted too; removed, it is dead.
    const editorToken = (
      (await c.call('createToken', { name: 'ed', role: 'editor' }, ada)).json as {
        value: { token: string }
      }
    ).value.token
    await c.call('setRole', { name: 'ed', role: 'reader' }, ada)
    const demoted = { authorization: `Bearer ${editorToken}` }
    expect((await c.call('me', undefined, demoted)).json).toMatchObject({
      value: { role: 'reader' },
    })
    await c.call('removeUser', { name: 'ed' }, ada)
    expect((await c.call('me', undefined, bearer)).status).toBe(401)
  })

  it("keeps two readers' highlights and notes apart", async () => {
    const { c, as } = await server({ canImport: true })
    const [ed, rita, rex] = [await as('ed'), await as('rita'), await as('rex')]
    await c.call('importFolders', { folders: [tree!.path('news')] }, ed)
    const id = (
      (await c.call('search', { query: 'rates' }, rita)).json as {
        value: { hits: { id: number }[] }
      }
    ).value.hits[0]!.id
    const mine = await c.call('addHighlight', { articleId: id, quote: 'rates', note: 'R' }, rita)
    expect(mine.json).toMatchObject({ ok: true, value: { quote: 'rates', note: 'R' } })
    const hers = (mine.json as { value: { id: number } }).value.id
    await c.call('addHighlight', { articleId: id, quote: 'fall' }, rex)
    await c.call('setArticleNote', { articleId: id, note: 'only rita' }, rita)

    const quotes = async (who: { cookie: string }) =>
      ((await c.call('highlights', {}, who)).json as { value: { quote: string }[] }).value.map(
        (h) => h.quote,
      )
    expect(await quotes(rita)).toEqual(['rates'])
    expect(await quotes(rex)).toEqual(['fall'])
    expect((await c.call('articleNote', { articleId: id }, rex)).json).toEqual({
      ok: true,
      value: null,
    })
    expect((await c.call('articleNote', { articleId: id }, rita)).json).toMatchObject({
      value: { note: 'only rita' },
    })
    // Another reader cannot reach hers by its id either.
    expect(
      (await c.call('updateHighlight', { id: hers, note: 'mine now' }, rex)).json,
    ).toMatchObject({ ok: false, error: { code: 'highlight-not-found' } })
    expect((await c.call('removeHighlight', { id: hers }, rex)).json).toMatchObject({
      ok: false,
      error: { code: 'highlight-not-found' },
    })
    expect(await quotes(rita)).toEqual(['rates'])
  })

  it("refuses a session cookie from another server's archive", async () => {
    tree = tempTree({ 'ui/index.html': '<!doctype html><title>Lectern</title>' })
    const a = await server({ file: tree.path('a.db') })
    const b = await server({ file: tree.path('b.db') })
    const fromA = await a.as('rita')
    expect((await a.c.call('me', undefined, fromA)).status).toBe(200)
    const atB = await b.c.call('me', undefined, fromA)
    expect(atB.status).toBe(401)
    expect(atB.json).toMatchObject({ error: { code: 'unauthenticated' } })
    expect((await b.c.call('me', undefined, await b.as('rita'))).status).toBe(200)
  })

  it('ends a session at sign-out, at a new password and when it expires', async () => {
    const { c, as, service } = await server({ sessionMs: 1500 })
    const first = await as('rita')
    const out = await c.post('/api/logout', {}, first)
    expect(out.headers['set-cookie']?.[0]).toMatch(/^lectern_session=; .*Max-Age=0/)
    expect((await c.call('me', undefined, first)).status).toBe(401)

    const second = await as('rita')
    await service.accounts.setPassword('rita', 'a new password')
    expect((await c.call('me', undefined, second)).status).toBe(401)
    expect((await c.login('rita', 'rita password')).status).toBe(401)

    const r = await c.login('rex', 'rex password')
    expect(r.headers['set-cookie']?.[0]).toMatch(/Max-Age=1(;|$)/)
    await new Promise((res) => setTimeout(res, 1600))
    expect((await c.call('me', undefined, { cookie: cookieFrom(r) })).status).toBe(401)
  })

  it('serves HTTPS with a Secure, host-only cookie', async () => {
    const { http, c } = await server({ tls: true })
    expect(http.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/)
    const r = await c.login('rita', 'rita password')
    const set = r.headers['set-cookie']?.[0] ?? ''
    expect(set).toMatch(/^__Host-lectern_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/)
    expect(set).toContain('Secure')
    expect((await c.call('me', undefined, { cookie: cookieFrom(r) })).status).toBe(200)
    // The plain-HTTP name of the cookie means nothing here.
    const plain = cookieFrom(r).replace('__Host-', '')
    expect((await c.call('me', undefined, { cookie: plain })).status).toBe(401)
  })

  it('answers the Host names it was given, and no other', async () => {
    const { http, c, as } = await server({ allowHosts: ['reader.newsroom.example'] })
    const port = new URL(http.url).port
    const rita = await as('rita')
    for (const host of [
      'reader.newsroom.example',
      `reader.newsroom.example:${port}`,
      `localhost:${port}`,
    ]) {
      const r = await c.call('me', undefined, { ...rita, host })
      expect(r.status, host).toBe(200)
    }
    for (const host of ['evil.example', `evil.example:${port}`, 'reader.newsroom.example.evil']) {
      expect((await c.call('me', undefined, { ...rita, host })).status, host).toBe(403)
    }
    const cross = await c.call('me', undefined, { ...rita, origin: 'https://evil.example' })
    expect(cross.status).toBe(403)
    const proxied = await c.call('me', undefined, {
      ...rita,
      host: 'reader.newsroom.example',
      origin: 'https://reader.newsroom.example',
    })
    expect(proxied.status).toBe(200)
  })
})
