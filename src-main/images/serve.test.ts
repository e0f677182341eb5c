import { afterEach, describe, expect, it } from 'vitest'
import { tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { mediaResponse } from './serve'
import { storeMedia } from './store'

let tree: ReturnType<typeof tempTree> | undefined
afterEach(() => tree?.cleanup())

describe('the desktop media scheme', () => {
  it('answers lectern-media://media/<name> from the store, with the same checks as HTTP', async () => {
    tree = tempTree({ 'secret.txt': 'no' })
    const dir = tree.path('media')
    const hash = await storeMedia(dir, tinyPng(4), 'png')
    const ok = await mediaResponse(dir, `lectern-media://media/${hash}.png`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-type')).toBe('image/png')
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(tinyPng(4))
    for (const url of [
      `lectern-media://media/${hash}.html`,
      `lectern-media://other/${hash}.png`,
      `lectern-media://media/../secret.txt`,
      `lectern-media://media/%2e%2e%2fsecret.txt`,
      `lectern-media://media/${hash}.png?x=1`,
      `https://media/${hash}.png`,
      'not a url',
    ]) {
      const r = await mediaResponse(dir, url)
      expect(r.status, url).toBe(400)
    }
    expect((await mediaResponse(dir, `lectern-media://media/${'1'.repeat(64)}.png`)).status).toBe(
      404,
    )
  })
})
