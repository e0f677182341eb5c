import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startHttp, type HttpOptions } from '../transport/http'
import { tempTree } from './tmp'
import { closedAfterEach } from './cleanup'

/** The test-only certificate for localhost and 127.0.0.1 (see tls/README.md). */
export const testTls = {
  cert: readFileSync(join(import.meta.dirname, 'tls/cert.pem')),
  key: readFileSync(join(import.meta.dirname, 'tls/key.pem')),
}

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  text: string
  json: unknown
}

export interface Sent {
  path: string
  method?: string
  headers?: Record<string, string>
  body?: string
}

/** Real HTTP(S) requests to a server under test, Host and cookies as a test sets them. */
export function client(base: string) {
  const url = new URL(base)
  const tls = url.protocol === 'https:'
  const send = ({ path, method = 'GET', headers = {}, body }: Sent) =>
    new Promise<Answer>((ok, fail) => {
      const opts = { host: url.hostname, port: url.port, path, method, headers }
      const done = (res: import('node:http').IncomingMessage) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown = null
          try {
            json = JSON.parse(text)
          } catch {
            // not JSON: the test looks at `text`
          }
          ok({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      }
      const req = tls ? httpsRequest({ ...opts, ca: testTls.cert }, done) : httpRequest(opts, done)
      req.on('error', fail)
      req.end(body)
    })
  const post = (path: string, value: unknown, headers: Record<string, string> = {}) =>
    send({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(value),
    })
  return {
    send,
    post,
    call: (method: string, args?: unknown, headers: Record<string, string> = {}) =>
      post('/api/call', { method, args }, headers),
    login: (name: string, password: string, headers: Record<string, string> = {}) =>
      post('/api/login', { name, password }, headers),
  }
}

/** The `name=value` part of a Set-Cookie answer, to send back as a Cookie header. */
export function cookieFrom(a: Answer): string {
  const set = a.headers['set-cookie']?.[0] ?? ''
  return set.split(';')[0] ?? ''
}

/**
 * For a test file: `folder(files)` writes a temporary folder, `serve(staticDir, options)` starts
 * the HTTP transport on 127.0.0.1 at a free port. Both are undone after each test, the server
 * first.
 */
export function httpFixture() {
  const later = closedAfterEach()
  return {
    folder: (files: Record<string, string | Uint8Array>) => later(tempTree(files)),
    serve: async (staticDir: string, opts: Omit<HttpOptions, 'staticDir' | 'host' | 'port'>) =>
      later(await startHttp({ staticDir, host: '127.0.0.1', port: 0, ...opts })),
  }
}
