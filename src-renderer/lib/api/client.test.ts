import { describe, expect, it } from 'vitest'
import * as app from './client'
import type { Transport } from './transport'

function fakeTransport(desktop: boolean, calls: string[]): Transport {
  return {
    call: async (method, args) => {
      calls.push(`${method} ${JSON.stringify(args)}`)
      return method === 'article'
        ? {
            ok: false,
            error: {
              code: 'bad-arguments',
              params: { at: 'article.id', rule: 'whole-number', min: 1, max: 9 },
              message: 'article.id must be a whole number from 1 to 9',
            },
          }
        : { ok: true, value: { articles: 3 } }
    },
    subscribe: () => () => {},
    desktop,
    pathForFile: () => (desktop ? '/dropped' : ''),
  }
}

describe('the app client', () => {
  it('is not chosen at load: calls before installClient fail with a clear error', () => {
    expect(() => app.api.stats()).toThrow(/No client installed/)
  })

  it('reaches whichever transport was installed, errors as ApiError with their code', async () => {
    const calls: string[] = []
    app.installClient(app.createClient(fakeTransport(true, calls)))
    expect(app.isDesktop).toBe(true)
    expect(app.pathForFile({} as File)).toBe('/dropped')
    expect(await app.api.stats()).toEqual({ articles: 3 })
    await expect(app.api.article({ id: 0 })).rejects.toMatchObject({
      code: 'bad-arguments',
      error: { params: { at: 'article.id' } },
    })
    expect(calls).toEqual(['stats undefined', 'article {"id":0}'])
    app.installClient(app.createClient(fakeTransport(false, calls)))
    expect(app.isDesktop).toBe(false)
  })
})
