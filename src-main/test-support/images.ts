import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { rgbPng } from '../images/png'

// Real picture bytes and a local image host for tests and the benchmark.

export { rgbPng }

/** A valid 1×1 PNG of the given colour: different colours, different pictures. */
export function tinyPng(r: number, g = 0, b = 0): Buffer {
  return rgbPng(1, 1, () => [r, g, b])
}

/** A valid 1×1 baseline JPEG. */
export const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==',
  'base64',
)

export type Handler = (req: IncomingMessage, res: ServerResponse, hits: number) => void

export interface ImageHost {
  base: string
  /** Requests seen, by path (query included). */
  hits: Map<string, number>
  /** Headers of the last request to each path. */
  headers: Map<string, IncomingMessage['headers']>
  /** Most requests in flight at once, overall and by the `x-test-host` header. */
  maxInFlight(host?: string): number
  total(): number
  close(): Promise<void>
}

/** A server on 127.0.0.1 (a free port) answering by exact path; anything else is a 404. */
export async function imageHost(routes: Record<string, Handler>): Promise<ImageHost> {
  const hits = new Map<string, number>()
  const headers = new Map<string, IncomingMessage['headers']>()
  const inFlight = new Map<string, number>()
  const maxima = new Map<string, number>()
  const count = (key: string, d: number) => {
    const n = (inFlight.get(key) ?? 0) + d
    inFlight.set(key, n)
    maxima.set(key, Math.max(maxima.get(key) ?? 0, n))
  }
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    const n = (hits.get(path) ?? 0) + 1
    hits.set(path, n)
    headers.set(path, req.headers)
    const keys = ['*', ...(req.headers['x-test-host'] ? [String(req.headers['x-test-host'])] : [])]
    for (const k of keys) count(k, 1)
    // Done once the answer is written (synchronously, before the client can see it).
    let open = true
    const done = () => {
      if (open) keys.forEach((k) => count(k, -1))
      open = false
    }
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse
    res.end = ((...a: unknown[]) => (done(), end(...a))) as ServerResponse['end']
    res.once('close', done)
    const route = routes[path.replace(/\?.*$/, '')]
    if (route) route(req, res, n)
    else {
      res.writeHead(404, { 'content-type': 'text/html' })
      res.end('<h1>Not found</h1>')
    }
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    headers,
    maxInFlight: (host = '*') => maxima.get(host) ?? 0,
    total: () => [...hits.values()].reduce((a, b) => a + b, 0),
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

/** Answers with the bytes and a type. */
export const serve =
  (body: Buffer | string, type = 'image/png', status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
    res.end(body)
  }

export const redirect =
  (to: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location: to })
    res.end()
  }
