import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempTree } from '../test-support/tmp'
import { client, cookieFrom } from '../test-support/http'
import { LECTERN_PROCESS, startServe } from '../test-support/cli'

// `lectern users|tokens|serve` as a newsroom's administrator types them.

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree>
let db = ''

function lectern(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [...LECTERN_PROCESS, ...args], { encoding: 'utf8', input })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

let running: ChildProcess | null = null
afterEach(() => {
  running?.kill()
  running = null
})

/** Starts `lectern serve …` and waits for its address (or its exit). */
function serve(args: string[]) {
  const s = startServe(args)
  running = s.child
  return s.ready
}

beforeAll(() => {
  tree = tempTree({ 'ui/index.html': 'x' })
  db = tree.path('archive.db')
})
afterAll(() => tree?.cleanup())

describe('lectern users and tokens', () => {
  it('adds, lists, changes and removes accounts, with the password from stdin', () => {
    expect(
      lectern(
        ['users', 'add', 'Ada', '--role', 'admin', '--password-stdin', '--db', db],
        'ada password\n',
      ).code,
    ).toBe(0)
    expect(
      lectern(
        ['users', 'add', 'rita', '--role', 'reader', '--password-stdin', '--db', db],
        'rita password\n',
      ).code,
    ).toBe(0)
    const list = lectern(['users', 'list', '--json', '--db', db])
    expect(list.code, list.err).toBe(0)
    const users = JSON.parse(list.out) as Record<string, unknown>[]
    expect(users.map((u) => Object.keys(u))).toEqual([
      ['name', 'role', 'created', 'lastSeen'],
      ['name', 'role', 'created', 'lastSeen'],
    ])
    expect(users.map((u) => `${String(u.name)}:${String(u.role)}`)).toEqual([
      'ada:admin',
      'rita:reader',
    ])

    expect(lectern(['users', 'role', 'rita', 'editor', '--db', db]).out).toContain(
      'rita is now editor.',
    )
    expect(
      lectern(['users', 'passwd', 'rita', '--password-stdin', '--db', db], 'new rita password')
        .code,
    ).toBe(0)
    const token = lectern(['tokens', 'create', 'rita', '--role', 'reader', '--db', db])
    expect(token.code, token.err).toBe(0)
    expect(token.out).toMatch(/^lectern_[\w-]{43}\n/)
    expect(
      lectern(
        ['users', 'add', 'tmp', '--role', 'reader', '--password-stdin', '--db', db],
        'tmp password',
      ).code,
    ).toBe(0)
    expect(lectern(['users', 'remove', 'tmp', '--db', db]).code).toBe(0)
  })

  it.each([
    [['users', 'add', 'x'], /needs --role reader\|editor\|admin/],
    [
      ['users', 'add', 'x', '--role', 'boss'],
      /The role must be reader, editor or admin, not "boss"\./,
    ],
    [['users', 'role', 'x'], /Usage: lectern users/],
    [['users', 'frob'], /Usage: lectern users/],
    [['users'], /Usage: lectern users/],
    [['users', 'add', 'x', '--role', 'reader', '--password', 'p'], /has no option --password/],
    [['tokens', 'create', 'ada', '--role', 'admin'], /must be reader or editor/],
    [['tokens', 'make', 'ada'], /Usage: lectern tokens create/],
    [['serve', '--tls-cert', 'a.pem'], /--tls-cert and --tls-key go together/],
    [['serve', '--log-queries'], /--log-queries needs --access-log/],
    [['serve', '--access-log', '/nonexistent/dir/log'], /--access-log: cannot write/],
    [['serve', '--tls-cert', '/nope.pem', '--tls-key', '/nope.key'], /--tls-cert: cannot read/],
    [['users', 'add', 'x', '--role', 'reader'], /No terminal.*--password-stdin/],
  ])('%j exits 2 with one sentence', (args, message) => {
    const r = lectern([...args, '--db', db])
    expect(r.code, r.err).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err.trim().split('\n')).toHaveLength(1)
  })

  it('says why a change was refused, exit 1', () => {
    const r = lectern(
      ['users', 'add', 'ada', '--role', 'reader', '--password-stdin', '--db', db],
      'long enough',
    )
    expect(r.code).toBe(1)
    expect(r.err).toBe('lectern: There is already an account named ada.\n')
    expect(lectern(['users', 'remove', 'ada', '--db', db]).err).toContain('last admin')
  })
})

describe('lectern serve', () => {
  it('will not serve a network address without accounts, unless --no-auth (with a warning)', async () => {
    const empty = tree.path('empty.db')
    const refused = await serve(['--host', '0.0.0.0', '--db', empty])
    expect(refused).toMatchObject({ code: 1 })
    expect((refused as { err: string }).err).toMatch(
      /^lectern: Nobody could sign in: add an account first/,
    )
    const open = await serve(['--host', '0.0.0.0', '--no-auth', '--db', empty])
    expect('url' in open && open.err()).toMatch(
      /warning: --no-auth: anyone who can reach 0\.0\.0\.0/,
    )
  }, 60_000)

  it('asks for accounts on loopback once the archive has them, and logs without queries', async () => {
    const log = tree.path('access.log')
    const s = await serve(['--db', db, '--access-log', log])
    if (!('url' in s)) throw new Error(s.err)
    const c = client(s.url)
    expect((await c.call('search', { query: 'secret source' })).status).toBe(401)
    const rita = { cookie: cookieFrom(await c.login('rita', 'new rita password')) }
    expect((await c.call('search', { query: 'secret source' }, rita)).status).toBe(200)
    expect((await c.call('listUsers', undefined, rita)).status).toBe(403)
    running?.kill()
    await new Promise((r) => running?.once('exit', r))
    const lines = readFileSync(log, 'utf8').trim().split('\n')
    expect(lines.map((l) => l.split(' ').slice(1).join(' '))).toEqual([
      '- POST /api/call search 401',
      'rita POST /api/login 200',
      'rita POST /api/call search 200',
      'rita POST /api/call listUsers 403',
    ])
    expect(readFileSync(log, 'utf8')).not.toContain('secret')
  }, 60_000)

  it('writes the search typed only with --log-queries', async () => {
    const log = tree.path('queries.log')
    const s = await serve(['--db', db, '--access-log', log, '--log-queries'])
    if (!('url' in s)) throw new Error(s.err)
    const c = client(s.url)
    const rita = { cookie: cookieFrom(await c.login('rita', 'new rita password')) }
    await c.call('search', { query: '消息 source' }, rita)
    running?.kill()
    await new Promise((r) => running?.once('exit', r))
    expect(readFileSync(log, 'utf8')).toContain('rita POST /api/call search 200 "消息 source"')
  }, 60_000)

  it('serves HTTPS with the given certificate', async () => {
    const s = await serve([
      '--db',
      db,
      '--tls-cert',
      join(root, 'src-main/test-support/tls/cert.pem'),
      '--tls-key',
      join(root, 'src-main/test-support/tls/key.pem'),
    ])
    if (!('url' in s)) throw new Error(s.err)
    expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:/)
    const r = await client(s.url).login('ada', 'ada password')
    expect(r.status).toBe(200)
    expect(r.headers['set-cookie']?.[0]).toMatch(/^__Host-lectern_session=.*; Secure$/)
  }, 60_000)

  it('on loopback without accounts, is the local user: an admin only where writes are allowed', async () => {
    const local = tree.path('local.db')
    const ro = await serve(['--db', local])
    if (!('url' in ro)) throw new Error(ro.err)
    expect((await client(ro.url).call('me')).json).toEqual({
      ok: true,
      value: { name: 'local', role: 'reader', accounts: false },
    })
    const add = await client(ro.url).call('addUser', {
      name: 'eve',
      role: 'admin',
      password: 'eve password',
    })
    expect(add.status).toBe(403)
    running?.kill()
    const rw = await serve(['--db', local, '--allow-import'])
    if (!('url' in rw)) throw new Error(rw.err)
    expect((await client(rw.url).call('me')).json).toMatchObject({ value: { role: 'admin' } })
  }, 60_000)
})
