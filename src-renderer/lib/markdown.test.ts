import { beforeAll, describe, expect, it } from 'vitest'
import { JSDOM } from 'jsdom'
import { renderArticle, renderArticleDetailed } from './markdown'
import { hostileCases } from './markdown.cases'

const HASH = 'ab'.repeat(32)
const PNG = `/media/${HASH}.png`
const imgSrcs = (html: string) => [...html.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)].map((m) => m[1])

// DOMPurify needs a DOM: jsdom here; e2e/markdown-browser.spec.ts runs the same hostile inputs
// in Chromium too.
describe('renderArticle', () => {
  beforeAll(() => {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>')
    Object.assign(globalThis, { window })
  })

  it.each(hostileCases)('neutralises %s', (_name, input, forbidden) => {
    expect(renderArticle(input)).not.toMatch(forbidden)
  })

  it('keeps text and structure', () => {
    const html = renderArticle('# 标题\n\n正文 **粗体** and [link](https://example.com/a)')
    expect(html).toContain('<h1>标题</h1>')
    expect(html).toContain('<strong>粗体</strong>')
    expect(html).toMatch(
      /<a href="https:\/\/example.com\/a" target="_blank" rel="noopener noreferrer">/,
    )
  })

  it('replaces remote images with a placeholder showing the alt text', () => {
    const r = renderArticleDetailed('![Harbor at dawn](https://img.example/a.jpg)')
    expect(r.blockedImages).toBe(1)
    expect(r.html).toContain('class="img-placeholder"')
    expect(r.html).toContain('Harbor at dawn')
  })

  it('never keeps a remote image, whatever the options', () => {
    const html = renderArticle('![a](https://img.example/a.jpg)', { images: {}, media: 'desktop' })
    expect(html).not.toMatch(/<img/)
    expect(html).not.toContain('src="https:')
  })

  it('drops classes that could imitate app UI', () => {
    expect(renderArticle('<p class="dialog">x</p>')).not.toContain('class=')
  })

  describe('stored pictures', () => {
    it('shows a stored picture from /media/ over HTTP, keeping its alt text', () => {
      const r = renderArticleDetailed('![Harbor at dawn](https://img.example/a.jpg)', {
        images: { 'https://img.example/a.jpg': PNG },
      })
      expect(imgSrcs(r.html)).toEqual([PNG])
      expect(r.html).toContain('alt="Harbor at dawn"')
      expect(r.html).not.toContain('img-placeholder')
      expect(r).toMatchObject({ blockedImages: 0, storedImages: 1, webImages: 0 })
    })

    it('uses the lectern-media scheme on the desktop', () => {
      const html = renderArticle('![a](https://img.example/a.jpg)', {
        images: { 'https://img.example/a.jpg': PNG },
        media: 'desktop',
      })
      expect(imgSrcs(html)).toEqual([`lectern-media://media/${HASH}.png`])
    })

    // marked percent-encodes addresses; Article.images is keyed by the decoded source
    it.each([
      ['a space', '![a](<img/a b.png>)', 'img/a b.png'],
      ['CJK path', '![图](图片/港口.png)', '图片/港口.png'],
      [
        'escaped query',
        '![q](https://x.example/p.jpg?resize=640%2C360)',
        'https://x.example/p.jpg?resize=640%2C360',
      ],
      ['raw HTML', '<img src="https://x.example/a.png" alt="h">', 'https://x.example/a.png'],
      ['relative file', '![l](./pics/one.webp)', './pics/one.webp'],
    ])('finds the stored copy of a source with %s', (_name, md, key) => {
      const r = renderArticleDetailed(md, { images: { [key]: PNG } })
      expect(imgSrcs(r.html)).toEqual([PNG])
      expect(r.blockedImages).toBe(0)
    })

    it('keeps placeholders for the pictures not stored, and names their hosts', () => {
      const md = [
        '![kept](https://a.example/1.png)',
        '![missing](https://b.example/2.png)',
        '![also missing](https://b.example/3.png)',
        '![local](pics/gone.png)',
      ].join('\n\n')
      const r = renderArticleDetailed(md, { images: { 'https://a.example/1.png': PNG } })
      expect(imgSrcs(r.html)).toEqual([PNG])
      expect(r).toMatchObject({ blockedImages: 3, storedImages: 1, webImages: 2 })
      expect(r.webHosts).toEqual(['b.example'])
      expect(r.html).not.toContain('src="https://b.example')
    })

    it.each([
      ['a web address', 'https://evil.example/x.png'],
      ['a protocol-relative address', '//evil.example/x.png'],
      ['a script', 'javascript:alert(1)'],
      ['a path escape', '/media/../../etc/passwd'],
      ['a bad hash', '/media/abc.png'],
      ['an unknown type', `/media/${HASH}.html`],
      ['a query', `${PNG}?x=1`],
      ['an SVG data address', 'data:image/svg+xml,<svg onload=alert(1)>'],
    ])('refuses a stored path that is %s', (_name, path) => {
      const r = renderArticleDetailed('![x](https://img.example/a.jpg)', {
        images: { 'https://img.example/a.jpg': path },
      })
      expect(r.html).not.toMatch(/<img/)
      expect(r.storedImages).toBe(0)
      expect(r.blockedImages).toBe(1)
    })

    it('does not take a media address the article wrote itself', () => {
      const md = `<img src="${PNG}"> <img src="lectern-media://media/${HASH}.png">`
      expect(renderArticle(md, { images: {} })).not.toMatch(/<img/)
    })

    it('does not look sources up on the prototype chain', () => {
      const html = renderArticle('![a](constructor) ![b](__proto__)', { images: {} })
      expect(html).not.toMatch(/<img/)
    })

    it('still strips handlers and srcset from a stored picture', () => {
      const md =
        '<img src="https://x.example/a.png" srcset="https://x.example/b.png 2x" onerror="alert(1)">'
      const html = renderArticle(md, { images: { 'https://x.example/a.png': PNG } })
      expect(imgSrcs(html)).toEqual([PNG])
      expect(html).not.toMatch(/srcset|onerror|x\.example/)
    })

    it('keeps inline raster data images', () => {
      const src = 'data:image/png;base64,iVBORw0KGgo='
      expect(imgSrcs(renderArticle(`![d](${src})`))).toEqual([src])
    })
  })
})
