import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { networkInterfaces } from 'node:os'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Dispatch } from '../api/dispatcher'
import type { Authenticator } from '../api/accounts'
import { eventRoles, type EventName } from '../shared/api'
import { roleAllows, type Caller, type Role } from '../shared/auth'
import { wireError } from '../shared/errors'
import { CSP } from '../shared/csp'
import { HTTP_CALL, HTTP_EVENTS, HTTP_LOGIN, HTTP_LOGOUT } from '../shared/wire'
import { callerOf, cookieName, login, logout, statusOf } from './http-auth'

export interface HttpOptions {
  dispatch: Dispatch
  /** The built renderer (out/renderer). */
  staticDir: string
  host: string
  port: number
  /** Finds a stored picture by its public name (images/serve.ts's locateMedia over the open
   * archive's store, handed in so that the transport knows nothing of the store). */
  media?: (name: string) => Promise<MediaLookup>
  /** How often an idle event stream gets a comment line (default 15 s). */
  heartbeatMs?: number
  /** Accounts are on: every call, event stream and picture needs a session (or, for calls, a
   * bearer token). Without it, requests are the dispatcher's local user. */
  accounts?: Authenticator
  /** More Host header values to answer (DNS names, a reverse proxy's name), beside the address
   * it listens on; `NAME` alone allows it on any port. */
  allowHosts?: string[]
  /** HTTPS with these (PEM) instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer }
  /** Told of every answered request (the access log, when asked for). */
  onRequest?: (entry: RequestEntry) => void
}

/** One answered request, for an access log. `query` is the search typed, when the call was a
 * search: whoever writes the log decides whether to keep it. */
export interface RequestEntry {
  user: string | null
  method: string
  /** The path without its query string. */
  path: string
  call?: string
  query?: string
  status: number
}

/** What `media` answers: a file to send with its headers, or a refusal. */
export type MediaLookup =
  | { ok: true; file: string; size: number; headers: Record<string, string> }
  | { ok: false; status: number; message: string }

export interface HttpTransport {
  server: Server
  url: string
  /** Pushes an event to every open event stream whose caller's role may see it (`eventRoles`). */
  broadcast(event: EventName, data: unknown): void
  close(): Promise<void>
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

const MAX_BODY = 1024 * 1024

/** `lectern serve`: the built UI plus one POST endpoint and one event stream, both thin. */
export async function startHttp(opts: HttpOptions): Promise<HttpTransport> {
  // Each open event stream with the role of whoever opened it (null: no accounts, the local user).
  const streams = new Map<ServerResponse, Role | null>()
  const tls = opts.tls !== undefined
  const cookie = cookieName(tls)
  const accounts = opts.accounts
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const entry: RequestEntry = {
      user: null,
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      status: 0,
    }
    if (opts.onRequest) {
      const report = opts.onRequest
      res.once('close', () => report({ ...entry, status: res.statusCode }))
    }
    // A fault here is Lectern's: logged, and the page gets no internals.
    handle(req, res, entry).catch((e: unknown) => {
      console.error('lectern: internal error', e)
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error')
      else res.end()
    })
  }
  const server: Server = opts.tls
    ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, listener)
    : createServer(listener)
  let allowedHosts = new Set<string>()

  /** Who is asking, where accounts are on; `undefined` where they are off (the local user). */
  const who = (req: IncomingMessage, bearer: boolean): Caller | null | undefined =>
    accounts ? callerOf(req, accounts, cookie, bearer) : undefined

  async function handle(
    req: IncomingMessage,
    res: ServerResponse,
    entry: RequestEntry,
  ): Promise<void> {
    // DNS rebinding and cross-site requests: only our own Host and Origin are served.
    const host = (req.headers.host ?? '').toLowerCase()
    const origin = req.headers.origin
    if (
      !allowedHosts.has(host) ||
      (origin !== undefined && !allowedHosts.has(originHost(origin)))
    ) {
      return send(res, 403, 'text/plain', 'Forbidden: this server answers only its own pages.')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    const isLogin = url.pathname === HTTP_LOGIN
    if (url.pathname === HTTP_CALL || isLogin) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
      // JSON only: a cross-site form cannot send it without a preflight this server never grants.
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'text/plain', 'JSON only')
      }
      const body = await readBody(req)
      if (body === null) {
        const error = wireError({ code: 'request-too-large', params: { limit: MAX_BODY } })
        return sendJson(res, { ok: false, error }, 413)
      }
      if (isLogin) {
        if (!accounts) return send(res, 404, 'text/plain', 'This server has no accounts.')
        const caller = await login(req, res, body, accounts, tls, sendJson)
        entry.user = caller?.owner ?? null
        return
      }
      let call: { method?: unknown; args?: unknown }
      try {
        call = JSON.parse(body) as typeof call
      } catch {
        return sendJson(res, { ok: false, error: wireError({ code: 'bad-request' }) })
      }
      const caller = who(req, true)
      entry.user = caller?.owner ?? null
      if (typeof call?.method === 'string') entry.call = call.method.slice(0, 64)
      const query = (call?.args as { query?: unknown } | undefined)?.query
      if (call?.method === 'search' && typeof query === 'string') entry.query = query
      const reply = await opts.dispatch(call?.method, call?.args, caller)
      return sendJson(res, reply, statusOf(reply.ok ? undefined : reply.error))
    }
    if (url.pathname === HTTP_LOGOUT) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
      if (!accounts) return send(res, 404, 'text/plain', 'This server has no accounts.')
      return logout(req, res, accounts, tls, sendJson)
    }
    // Events and pictures are the archive's too: with accounts, only for someone signed in.
    const caller = who(req, false)
    entry.user = caller?.owner ?? null
    const needsSession = url.pathname === HTTP_EVENTS || url.pathname.startsWith('/media/')
    if (needsSession && caller === null) {
      return sendJson(res, { ok: false, error: wireError({ code: 'unauthenticated' }) }, 401)
    }
    if (url.pathname === HTTP_EVENTS) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      // `retry` sets how soon the browser reconnects after the stream drops.
      res.write('retry: 2000\n: connected\n\n')
      streams.set(res, caller?.role ?? null)
      req.on('close', () => streams.delete(res))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, 'text/plain', 'GET only')
    if (url.pathname.startsWith('/media/')) {
      return serveMedia(req, res, opts.media, url.pathname.slice('/media/'.length))
    }
    return serveStatic(res, opts.staticDir, url.pathname)
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(opts.port, opts.host, () => ok())
  })
  // A comment line now and then keeps an idle stream from being cut by proxies and idle
  // timeouts, and lets a write fail on a tab that went away without closing, which drops it.
  const heartbeat = setInterval(() => {
    for (const s of streams.keys()) s.write(': heartbeat\n\n')
  }, opts.heartbeatMs ?? 15_000)
  heartbeat.unref()
  server.once('close', () => clearInterval(heartbeat))

  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : opts.port
  allowedHosts = hostsFor(opts.host, port, opts.allowHosts ?? [])
  const shown = wildcard(opts.host) ? '127.0.0.1' : opts.host
  return {
    server,
    url: `${tls ? 'https' : 'http'}://${bracket(shown)}:${port}/`,
    broadcast(event, data) {
      const msg = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      const need = eventRoles[event]
      for (const [s, role] of streams) if (role === null || roleAllows(role, need)) s.write(msg)
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of streams.keys()) s.end()
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}

/** The Host values this server answers: the address it listens on (every address of this
 * machine when that is 0.0.0.0 or ::), loopback names, and the names it was told. */
function hostsFor(host: string, port: number, extra: string[]): Set<string> {
  const addresses = wildcard(host)
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
    : [host]
  const hosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`])
  for (const a of addresses) hosts.add(`${bracket(a.toLowerCase())}:${port}`)
  for (const name of extra.map((n) => n.toLowerCase())) {
    hosts.add(name)
    // A name without a port: also as the browser sends it to this port (no proxy in between).
    if (!/:\d+$/.test(name)) hosts.add(`${name}:${port}`)
  }
  return hosts
}

const wildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '[::]'
const bracket = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)

/** An https origin is as much ours as an http one: a TLS proxy in front keeps the Host. */
function originHost(origin: string): string {
  try {
    const u = new URL(origin)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.host : ''
  } catch {
    return ''
  }
}

async function serveStatic(res: ServerResponse, root: string, pathname: string): Promise<void> {
  let rel: string
  try {
    rel = decodeURIComponent(pathname)
  } catch {
    return send(res, 400, 'text/plain', 'Bad path')
  }
  const file = normalize(join(root, rel === '/' ? 'index.html' : rel))
  if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
    return send(res, 403, 'text/plain', 'Forbidden')
  }
  const st = await stat(file).catch(() => null)
  // Unknown paths get the app itself, which routes on the client.
  const target = st?.isFile() ? file : join(root, 'index.html')
  const body = await readFile(target).catch(() => null)
  if (!body) return send(res, 404, 'text/plain', 'The UI is not built: run npm run build')
  res.writeHead(200, {
    'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
    // frame-ancestors works only as a header (a meta tag cannot carry it): no other site may
    // frame the page, so the sign-in form cannot be overlaid and clicked through.
    'content-security-policy': `${CSP}; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  })
  res.end(body)
}

async function serveMedia(
  req: IncomingMessage,
  res: ServerResponse,
  media: HttpOptions['media'],
  name: string,
): Promise<void> {
  if (!media) return send(res, 404, 'text/plain', 'No picture here')
  const found = await media(name)
  if (!found.ok) return send(res, found.status, 'text/plain', found.message)
  res.writeHead(200, { ...found.headers, 'content-length': String(found.size) })
  if (req.method === 'HEAD') return void res.end()
  try {
    await pipeline(createReadStream(found.file), res)
  } catch (e) {
    // the page went away mid-picture (closed, or scrolled on): its choice, not a fault of ours
    if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e
  }
}

/** The body as text, or null when it passes MAX_BODY: the rest is read and dropped rather than
 * the socket destroyed, so the client gets the 413 answer instead of a reset connection. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        req.removeAllListeners('data')
        req.resume()
        ok(null)
      } else chunks.push(c)
    })
    req.on('end', () => ok(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'x-content-type-options': 'nosniff',
  })
  res.end(body)
}

function sendJson(res: ServerResponse, value: unknown, status = 200): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(value))
}
