import { expect, test } from '@playwright/test'
import { build } from 'vite'
import { join } from 'node:path'
import { ROOT } from './helpers'

// The sanitiser's unit cases, run in real Chromium: markdown.ts and the hostile cases are
// bundled on the fly, each rendered, and the results inserted into a live page.
test('renderArticle neutralises every hostile case in a real browser', async ({ page }) => {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'e2e/fixtures/markdown-entry.ts'), formats: ['iife'], name: 'MD' },
    },
  })
  const bundle = Array.isArray(out) ? out[0]! : out
  const code = (bundle as { output: { code?: string }[] }).output[0]!.code!
  await page.setContent('<!doctype html><html><body><div id="host"></div></body></html>')
  await page.addScriptTag({ content: code })
  const results = await page.evaluate(() =>
    (
      window as unknown as { MD: { run(): { name: string; html: string; forbidden: string }[] } }
    ).MD.run(),
  )
  expect(results.length).toBeGreaterThan(10)
  for (const r of results) {
    expect(r.html, r.name).not.toMatch(
      new RegExp(
        r.forbidden.slice(1, r.forbidden.lastIndexOf('/')),
        r.forbidden.slice(r.forbidden.lastIndexOf('/') + 1),
      ),
    )
  }
  await page.evaluate(() => {
    const host = document.getElementById('host')!
    host.innerHTML = (window as unknown as { MD: { all(): string } }).MD.all()
    host.querySelectorAll('a').forEach((a) => a.click())
  })
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
})
