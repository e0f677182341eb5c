import { describe, expect, it } from 'vitest'
import { isSafeImageSrc, storedImageSrc } from './markdown-images'

const HASH = '0123456789abcdef'.repeat(4)

describe('isSafeImageSrc', () => {
  it.each([
    [`/media/${HASH}.png`, true],
    [`/media/${HASH}.webp`, true],
    [`lectern-media://media/${HASH}.jpg`, true],
    ['data:image/png;base64,AAAA', true],
    ['data:image/jpeg;base64,AAAA', true],
    ['data:image/svg+xml;base64,AAAA', false],
    ['data:text/html;base64,AAAA', false],
    [`/media/${HASH.toUpperCase()}.png`, false],
    [`/media/${HASH}.png/../x`, false],
    [`/media/sub/${HASH}.png`, false],
    [`/media/${HASH}.exe`, false],
    [`/media/${HASH}.png#x`, false],
    [`//media/${HASH}.png`, false],
    [`http://127.0.0.1/media/${HASH}.png`, false],
    [`lectern-media://other/${HASH}.png`, false],
    [`LECTERN-MEDIA://media/${HASH}.png`, false],
    ['https://img.example/a.png', false],
    ['', false],
  ])('%s → %s', (src, safe) => {
    expect(isSafeImageSrc(src)).toBe(safe)
  })
})

describe('storedImageSrc', () => {
  const images = { 'img/a b.png': `/media/${HASH}.png` }
  it('decodes the rendered source before the lookup', () => {
    expect(storedImageSrc('img/a%20b.png', images, 'http')).toBe(`/media/${HASH}.png`)
    expect(storedImageSrc('img/a%20b.png', images, 'desktop')).toBe(
      `lectern-media://media/${HASH}.png`,
    )
  })
  it('answers null without a copy', () => {
    expect(storedImageSrc('img/other.png', images, 'http')).toBeNull()
    expect(storedImageSrc('img/a b.png', undefined, 'http')).toBeNull()
    expect(storedImageSrc('', { '': `/media/${HASH}.png` }, 'http')).toBeNull()
  })
})
