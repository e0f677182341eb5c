import { describe, expect, it } from 'vitest'
import { extOfMime, imageKey, mediaSrc, mediaUrl, parseMediaName } from './images'

const HASH = 'ab'.repeat(32)

describe('stored picture names', () => {
  it('are /media/<sha256>.<ext>, served as is over HTTP and through the desktop scheme', () => {
    expect(mediaUrl(HASH, 'png')).toBe(`/media/${HASH}.png`)
    expect(mediaSrc(`/media/${HASH}.png`, 'http')).toBe(`/media/${HASH}.png`)
    expect(mediaSrc(`/media/${HASH}.png`, 'desktop')).toBe(`lectern-media://media/${HASH}.png`)
  })

  it.each([
    [`${HASH}.png`, { hash: HASH, ext: 'png', mime: 'image/png' }],
    [`${HASH}.jpg`, { hash: HASH, ext: 'jpg', mime: 'image/jpeg' }],
    [`${HASH}.svg`, { hash: HASH, ext: 'svg', mime: 'image/svg+xml' }],
    [`${HASH}.ico`, { hash: HASH, ext: 'ico', mime: 'image/x-icon' }],
    [`${HASH}.html`, null],
    [`${HASH}.PNG`, null],
    [`${HASH.toUpperCase()}.png`, null],
    [`${HASH.slice(1)}.png`, null],
    [`${HASH}0.png`, null],
    [`${HASH}.png.png`, null],
    [`../${HASH}.png`, null],
    [`ab/${HASH}.png`, null],
    [`${HASH}%2epng`, null],
    [`${HASH}.png%00`, null],
    [`${HASH}.png/`, null],
    ['..', null],
    ['', null],
  ])('%s → %j', (name, expected) => {
    expect(parseMediaName(name)).toEqual(expected)
  })

  it('maps types back to extensions', () => {
    expect(extOfMime('image/webp')).toBe('webp')
    expect(extOfMime('text/html')).toBeNull()
  })

  it('looks sources up the same way whether written plainly or as marked renders them', () => {
    // marked renders ![](img/a b.png) as src="img/a%20b.png"
    expect(imageKey('img/a%20b.png')).toBe(imageKey('img/a b.png'))
    expect(imageKey('https://x.example/%E5%9B%BE.png')).toBe(imageKey('https://x.example/图.png'))
    expect(imageKey('bad%zz.png')).toBe('bad%zz.png')
  })
})
