import { describe, expect, it } from 'vitest'
import { request, type IncomingMessage } from 'node:http'
import { createDispatcher } from '../api/dispatcher'
import { ArchiveService } from '../api/service'
import { openArchive } from '../db/open'
import { client, cookieFrom, httpFixture } from '../test-support/http'

// On a shared server, progress events name files on the server's disk: a reader's event stream
// must not carry them, while everyone still hears that the archive changed.

const FAST = { N: 2 ** 10, r: 8, p: 1 }
const { folder, serve } = httpFixture()

function listen(
  base: string,
  cookie: string,
): Promise<{ text: () => string; res: IncomingMessage }> {
  const { port } = new URL(base)
  return new Promise((ok, fail) => {
    let text = ''
    request({ host: '127.0.0.1', port, path: '/api/events', headers: { cookie } }, (res) => {
      res.setEncoding('utf8').on('data', (c: string) => (text += c))
      ok({ text: () => text, res })
    })
      .on('error', fail)
      .end()
  })
}

describe('event streams with accounts', () => {
  it('sends import progress to editors only, and archive changes to everyone', async () => {
    const tree = folder({ 'ui/index.html': '<!doctype html><title>Lectern</title>' })
    const service = new ArchiveService({
      db: openArchive(':memory:', { create: true }),
      path: ':memory:',
      canImport: true,
      accounts: { cost: FAST, throttle: { free: 1000 } },
    })
    await service.accounts.add('ed', 'editor', 'ed password')
    await service.accounts.add('rita', 'reader', 'rita password')
    const http = await serve(tree.path('ui'), {
      dispatch: createDispatcher(service, { local: null }),
      accounts: service.accounts,
    })
    const c = client(http.url)
    const cookie = async (name: string) => cookieFrom(await c.login(name, `${name} password`))
    const ed = await listen(http.url, await cookie('ed'))
    const rita = await listen(http.url, await cookie('rita'))
    expect(ed.res.statusCode).toBe(200)
    expect(rita.res.statusCode).toBe(200)

    const secret = '/srv/newsroom/leaks/source-names.md'
    http.broadcast('importProgress', {
      phase: 'importing',
      scanned: 1,
      done: 0,
      total: 1,
      current: secret,
      rate: 0,
    })
    http.broadcast('archiveChanged', { path: '/x.db', sample: false, canImport: true })
    const arrived = (s: { text: () => string }) => s.text().includes('event: archiveChanged')
    for (let i = 0; i < 200 && !(arrived(ed) && arrived(rita)); i++) {
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(ed.text()).toContain(secret)
    expect(arrived(rita)).toBe(true)
    expect(rita.text()).not.toContain('importProgress')
    expect(rita.text()).not.toContain(secret)
    ed.res.destroy()
    rita.res.destroy()
  })
})
