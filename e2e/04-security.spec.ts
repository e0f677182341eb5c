import { expect, test } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { reader, resultList, searchbox, shot, startImport } from './helpers'

const HOSTILE = `---
title: Hostile article probe
date: 2025-03-01
tags: [security]
---
Safe text before the traps.

<script>window.__pwned = 'script'</script>

<img src=x onerror="window.__pwned = 'img'">

[a javascript link](javascript:window.__pwned='link')

<iframe src="javascript:parent.__pwned='iframe'"></iframe>

<svg onload="window.__pwned = 'svg'"><circle r="5"/></svg>

<a href="#" onclick="window.__pwned = 'onclick'">clicky</a>

Safe text after the traps.
`

const REMOTE = `---
title: Remote image probe
date: 2025-03-02
---
Text before the picture.

![Harbor at dawn](https://images.example.net/harbor.jpg)

<img src="https://tracker.example.org/pixel.gif" alt="tracking pixel">

Text after the picture.
`

let folder: string
test.beforeAll(() => {
  folder = join(mkdtempSync(join(tmpdir(), 'lectern-hostile-')), 'articles')
  mkdirSync(folder)
  writeFileSync(join(folder, 'hostile.md'), HOSTILE)
  writeFileSync(join(folder, 'remote.md'), REMOTE)
})

async function importProbes(page: import('@playwright/test').Page) {
  await page.goto('/')
  await startImport(page, folder)
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog.getByText(/Import finished: 2 files scanned/)).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).last().click()
}

test('a hostile article renders as text and runs nothing', async ({ page }) => {
  await importProbes(page)
  await searchbox(page).fill('"Hostile article probe"')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page)
    .getByRole('option', { name: /Hostile article probe/ })
    .click()
  const article = reader(page)
  await expect(article).toContainText('Safe text before the traps.')
  await expect(article).toContainText('Safe text after the traps.')
  await article.getByText('a javascript link').click()
  await article.getByText('clicky').click()
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined()
  await expect(article.locator('script')).toHaveCount(0)
  await expect(article.locator('iframe')).toHaveCount(0)
  await expect(article.locator('svg')).toHaveCount(0)
  await expect(article.locator('[onerror], [onload], [onclick]')).toHaveCount(0)
  await expect(article.locator('a[href^="javascript" i]')).toHaveCount(0)
  await shot(page, 'hostile-article')
})

test('remote images show a placeholder and are never requested', async ({ page }) => {
  const hosts = /images\.example\.net|tracker\.example\.org/
  const remote: string[] = []
  const blocked: string[] = []
  const answered: string[] = []
  page.on('request', (r) => void (hosts.test(r.url()) && remote.push(r.url())))
  page.on(
    'requestfailed',
    (r) => void (hosts.test(r.url()) && blocked.push(r.failure()?.errorText ?? '')),
  )
  page.on('response', (r) => void (hosts.test(r.url()) && answered.push(r.url())))
  await importProbes(page)
  await searchbox(page).fill('"Remote image probe"')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page)
    .getByRole('option', { name: /Remote image probe/ })
    .click()
  const article = reader(page)
  await expect(article.getByRole('img', { name: 'Harbor at dawn' })).toBeVisible()
  await expect(article.getByRole('img', { name: 'tracking pixel' })).toBeVisible()
  await expect(article.locator('img')).toHaveCount(0)
  // the page offers to download them into the archive rather than load them from the web
  await expect(article.getByRole('button', { name: 'Download images' })).toBeVisible()
  await expect(article).toContainText('images.example.net, tracker.example.org')
  await page.waitForTimeout(500)
  expect(remote).toEqual([])
  await shot(page, 'remote-image-placeholder')
  // defence in depth: an <img> that slipped past the sanitiser would still be blocked by the
  // page's CSP (img-src 'self' data: lectern-media:); Chromium reports the attempt, unanswered
  await page.evaluate(() => {
    const img = document.createElement('img')
    img.src = 'https://images.example.net/harbor.jpg'
    document.querySelector('article')!.append(img)
  })
  await expect.poll(() => blocked.length).toBeGreaterThan(0)
  expect(answered).toEqual([])
  console.log('injected <img>:', remote.length, 'attempts, failures:', [...new Set(blocked)])
})
