import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createReadStream } from 'node:fs'
import { pipeline } from 'node:stream/promises'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { Dispatch } from '../api/dispatcher'
import type { EventName } from '../shared/api'
import { wireError } from '../shared/errors'
import { CSP } from '../shared/csp'
import { HTTP_CALL, HTTP_EVENTS } from '../shared/wire'

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
}

/** What `media` answers: a file to send with its headers, or a refusal. */
export type MediaLookup =
  | { ok: true; file: string; size: number; headers: Record<string, string> }
  | { ok: false; status: number; message: string }

export interface HttpTransport {
  server: Server
  url: string
  /** Pushes an event to every open event stream. */
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
  const streams = new Set<ServerResponse>()
  const server = createServer((req, res) => {
    // A fault here is Lectern's: logged, and the page gets no internals.
    handle(req, res).catch((e: unknown) => {
      console.error('lectern: internal error', e)
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error')
      else res.end()
    })
  })
  let allowedHosts = new Set<string>()

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding and cross-site requests: only our own Host and Origin are served.
    const host = req.headers.host ?? ''
    const origin = req.headers.origin
    if (
      !allowedHosts.has(host) ||
      (origin !== undefined && !allowedHosts.has(originHost(origin)))
    ) {
      return send(res, 403, 'text/plain', 'Forbidden: this server answers only its own pages.')
    }
    const url = new URL(req.url ?? '/', `http://${host}`)
    if (url.pathname === HTTP_CALL) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only')
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'text/plain', 'JSON only')
      }
      const body = await readBody(req)
      if (body === null) {
        const error = wireError({ code: 'request-too-large', params: { limit: MAX_BODY } })
        return sendJson(res, { ok: false, error }, 413)
      }
      let call: { method?: unknown; args?: unknown }
      try {
        call = JSON.parse(body) as typeof call
      } catch {
        return sendJson(res, { ok: false, error: wireError({ code: 'bad-request' }) })
      }
      return sendJson(res, await opts.dispatch(call?.method, call?.args))
    }
    if (url.pathname === HTTP_EVENTS) {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      })
      // `retry` sets how soon the browser reconnects after the stream drops.
      res.write('retry: 2000\n: connected\n\n')
      streams.add(res)
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
    for (const s of streams) s.write(': heartbeat\n\n')
  }, opts.heartbeatMs ?? 15_000)
  heartbeat.unref()
  server.once('close', () => clearInterval(heartbeat))

  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : opts.port
  const hostName = opts.host.includes(':') ? `[${opts.host}]` : opts.host
  allowedHosts = new Set([`${hostName}:${port}`, `localhost:${port}`, `127.0.0.1:${port}`])
  return {
    server,
    url: `http://${hostName}:${port}/`,
    broadcast(event, data) {
      const msg = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      for (const s of streams) s.write(msg)
    },
    close: () =>
      new Promise<void>((ok) => {
        for (const s of streams) s.end()
        server.close(() => ok())
        server.closeAllConnections()
      }),
  }
}

function originHost(origin: string): string {
  try {
    const u = new URL(origin)
    return u.protocol === 'http:' ? u.host : ''
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
    'content-security-policy': CSP,
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
  await pipeline(createReadStream(found.file), res)
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
