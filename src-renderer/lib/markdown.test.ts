import { beforeAll, describe, expect, it } from 'vitest'
import { renderArticle, renderArticleDetailed } from './markdown'

// DOMPurify needs a DOM. jsdom is not a dependency of this project yet, so these tests run only
// where it is installed; the same hostile inputs are also checked in a real browser by
// e2e/security.spec.ts, which imports them as an article and reads the rendered page.
const jsdomName = 'jsdom'
const jsdom = (await import(/* @vite-ignore */ jsdomName).catch(() => null)) as {
  JSDOM: new (html: string) => { window: Window }
} | null

describe.skipIf(!jsdom)('renderArticle (needs jsdom)', () => {
  beforeAll(() => {
    const { window } = new jsdom!.JSDOM('<!doctype html><html><body></body></html>')
    Object.assign(globalThis, { window })
  })

  const hostile: [string, string, RegExp][] = [
    ['script', '<script>window.__pwned=1</script>text', /<script/i],
    ['img onerror', '<img src=x onerror="window.__pwned=1">', /onerror/i],
    ['javascript link', '[click](javascript:window.__pwned=1)', /javascript:/i],
    ['mixed-case js link', '<a href="JaVaScRiPt:alert(1)">x</a>', /javascript:/i],
    ['entity js link', '<a href="jav&#x09;ascript:alert(1)">x</a>', /href/i],
    ['iframe', '<iframe src="https://evil.example/"></iframe>', /<iframe/i],
    ['svg onload', '<svg onload="window.__pwned=1"><circle r="1"/></svg>', /<svg|onload/i],
    ['style attr', '<div style="background:url(https://evil.example/x)">x</div>', /style=|evil/],
    ['style tag', '<style>body{display:none}</style>', /<style/i],
    ['form', '<form action="https://evil.example"><input name=a></form>', /<form|<input/i],
    ['object', '<object data="https://evil.example/x.swf"></object>', /<object/i],
    [
      'table background',
      '<table background="https://evil.example/x.png"><tr><td>a</td></tr></table>',
      /background/i,
    ],
    ['math', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /javascript|<math/i],
    ['data html link', '<a href="data:text/html,<script>alert(1)</script>">x</a>', /href|<script/i],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta/i],
    ['remote image', '![tram](https://img.example/tram.jpg)', /<img/i],
    ['video poster', '<video poster="https://evil.example/p.png"></video>', /<video|poster/i],
  ]

  it.each(hostile)('neutralises %s', (_name, input, forbidden) => {
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
