import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CSP, isAppUrl, isExternalAllowed, webPreferences } from './security'

describe('the desktop window', () => {
  it('isolates the page from Node and Electron', () => {
    const p = webPreferences('/app/out/preload/index.cjs')
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })

  it('has a strict Content-Security-Policy, the same in the page and on the server', () => {
    expect(CSP).toContain("default-src 'self'")
    expect(CSP).toContain("script-src 'self'")
    expect(CSP).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/)
    expect(CSP).toContain("object-src 'none'")
    expect(CSP).toContain("frame-src 'none'")
    // Remote images are never loaded by the page itself (offline, no tracking): only the app's
    // own, inline ones, and the pictures stored in the archive (the desktop's media scheme).
    expect(CSP).toMatch(/img-src 'self' data: lectern-media:;/)
    const html = readFileSync(join(__dirname, '../../src-renderer/index.html'), 'utf8')
    expect(html).toContain(`content="${CSP}"`)
  })

  it('sends only web and mail links to the system, and stays on its own pages', () => {
    expect(isExternalAllowed('https://new.qq.com/a')).toBe(true)
    expect(isExternalAllowed('mailto:a@b.c')).toBe(true)
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'smb://x/y', 'not a url']) {
      expect(isExternalAllowed(bad)).toBe(false)
    }
  })
})

describe('isAppUrl: only the page of the app may call the archive or be shown', () => {
  const built = pathToFileURL('/opt/lectern/out/renderer/index.html').href
  const dev = 'http://localhost:5173'

  it('accepts the page itself, and its #fragments', () => {
    expect(isAppUrl('file:///opt/lectern/out/renderer/index.html', built)).toBe(true)
    expect(isAppUrl('file:///opt/lectern/out/renderer/index.html#/article/3', built)).toBe(true)
    expect(isAppUrl('file:///opt/lectern/out/renderer/./index.html', built)).toBe(true)
    expect(isAppUrl('http://localhost:5173/', dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/#x', `${dev}/`)).toBe(true)
    const spaced = pathToFileURL('/home/a b/Lectern/out/renderer/index.html').href
    expect(isAppUrl('file:///home/a%20b/Lectern/out/renderer/index.html', spaced)).toBe(true)
  })

  it.each([
    ['another file in the renderer folder', 'file:///opt/lectern/out/renderer/evil.html'],
    ['a renderer folder elsewhere', 'file:///tmp/download/out/renderer/index.html'],
    ['a longer name', 'file:///opt/lectern/out/renderer/index.html.evil'],
    ['the folder', 'file:///opt/lectern/out/renderer/'],
    ['a way out and back', 'file:///opt/lectern/out/renderer/../../../../tmp/index.html'],
    ['a file on another host', 'file://evil.example/opt/lectern/out/renderer/index.html'],
    ['a query string', 'file:///opt/lectern/out/renderer/index.html?next=https://evil.example'],
    ['a web page with the path', 'https://evil.example/opt/lectern/out/renderer/index.html'],
    ['the path in a query', 'https://evil.example/?file:///opt/lectern/out/renderer/index.html'],
    ['an encoded name', 'file:///opt/lectern/out/renderer/index%2Ehtml'],
    ['not a URL', 'out/renderer/index.html'],
    ['nothing', ''],
  ])('refuses %s against the built page', (_what, url) => {
    expect(isAppUrl(url, built)).toBe(false)
  })

  it.each([
    ['a look-alike host', 'http://localhost:5173.evil.example/'],
    ['a longer port', 'http://localhost:51730/'],
    ['a user name', 'http://localhost:5173@evil.example/'],
    ['credentials on the right host', 'http://user@localhost:5173/'],
    ['https', 'https://localhost:5173/'],
    ['another host', 'http://127.0.0.1:5173/'],
    ['another path', 'http://localhost:5173/other.html'],
    ['a query string', 'http://localhost:5173/?x=1'],
    ['the built page', 'file:///opt/lectern/out/renderer/index.html'],
  ])('refuses %s against the dev server', (_what, url) => {
    expect(isAppUrl(url, dev)).toBe(false)
  })
})
