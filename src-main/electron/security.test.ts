import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
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
    expect(isAppUrl('file:///opt/lectern/out/renderer/index.html', undefined)).toBe(true)
    expect(isAppUrl('https://evil.example/', undefined)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true)
  })
})
