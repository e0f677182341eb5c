import { afterEach, describe, expect, it } from 'vitest'
import { request, type IncomingMessage } from 'node:http'
import { startHttp, type HttpTransport } from './http'

let http: HttpTransport | undefined
afterEach(async () => {
  await http?.close()
  http = undefined
})

/** Opens the event stream and collects what arrives, as text. */
function listen(): Promise<{ text: () => string; res: IncomingMessage }> {
  const { port } = new URL(http!.url)
  return new Promise((ok, fail) => {
    let text = ''
    request({ host: '127.0.0.1', port, path: '/api/events' }, (res) => {
      res.setEncoding('utf8').on('data', (c: string) => (text += c))
      ok({ text: () => text, res })
    })
      .on('error', fail)
      .end()
  })
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(ok()).toBe(true)
}

describe('GET /api/events', () => {
  it('sends heartbeat comments to an idle stream, and a reconnect delay', async () => {
    http = await startHttp({
      dispatch: async () => ({ ok: true, value: null }),
      staticDir: '/nonexistent',
      host: '127.0.0.1',
      port: 0,
      heartbeatMs: 30,
    })
    const s = await listen()
    await until(() => s.text().split(': heartbeat\n\n').length > 2)
    expect(s.text()).toMatch(/^retry: \d+\n/)
    expect(s.res.headers['content-type']).toBe('text/event-stream')
    s.res.destroy()
  })

  it('pushes each event to every open stream, and forgets streams that closed', async () => {
    http = await startHttp({
      dispatch: async () => ({ ok: true, value: null }),
      staticDir: '/nonexistent',
      host: '127.0.0.1',
      port: 0,
    })
    const [a, b] = [await listen(), await listen()]
    b.res.destroy()
    await new Promise((r) => setTimeout(r, 50))
    http.broadcast('archiveChanged', { path: '/x.db', sample: false, canImport: true })
    const msg = 'event: archiveChanged\ndata: {"path":"/x.db","sample":false,"canImport":true}\n\n'
    await until(() => a.text().includes(msg))
    expect(b.text()).not.toContain('archiveChanged')
    a.res.destroy()
  })
})
