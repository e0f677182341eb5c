import { beforeAll, describe, expect, it } from 'vitest'
import { JSDOM } from 'jsdom'
import { renderArticle, renderArticleDetailed } from './markdown'
import { hostileCases } from './markdown.cases'

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

  it('keeps remote images only when allowed', () => {
    const html = renderArticle('![a](https://img.example/a.jpg)', { allowRemoteImages: true })
    expect(html).toMatch(/<img[^>]+src="https:\/\/img.example\/a.jpg"/)
    expect(html).toContain('referrerpolicy="no-referrer"')
  })

  it('drops classes that could imitate app UI', () => {
    expect(renderArticle('<p class="dialog">x</p>')).not.toContain('class=')
  })
})
