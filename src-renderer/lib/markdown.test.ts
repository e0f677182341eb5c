import { beforeAll, describe, expect, it } from 'vitest'
import { renderArticle, renderArticleDetailed } from './markdown'
import { hostileCases } from './markdown.cases'

// DOMPurify needs a DOM. jsdom is not a dependency of this project yet, so these tests run only
// where it is installed; the same hostile inputs are also checked in a real browser by
// e2e/markdown-browser.spec.ts, which runs this module in Chromium.
const jsdomName = 'jsdom'
const jsdom = (await import(/* @vite-ignore */ jsdomName).catch(() => null)) as {
  JSDOM: new (html: string) => { window: Window }
} | null

describe.skipIf(!jsdom)('renderArticle (needs jsdom)', () => {
  beforeAll(() => {
    const { window } = new jsdom!.JSDOM('<!doctype html><html><body></body></html>')
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

describe('renderArticle without a DOM', () => {
  it.skipIf(Boolean(jsdom))('fails loudly rather than returning unsanitised HTML', () => {
    expect(() => renderArticle('<script>x</script>')).toThrow(/DOM/)
  })
})
