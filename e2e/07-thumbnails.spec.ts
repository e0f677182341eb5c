import { expect, test } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, resultList, searchbox, shot } from './helpers'
import { harbourPng } from './png'

// A thumbnail the archive keeps (here a local picture copied at import) shows in the list, from
// the archive itself.
test('the list shows a stored thumbnail from the archive', async ({ page, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-thumb-'))
  mkdirSync(join(dir, 'img'))
  writeFileSync(join(dir, 'img', 'harbour.png'), harbourPng())
  writeFileSync(
    join(dir, 'harbour.md'),
    '---\ntitle: "Thumbnail harbour at dawn"\ndate: "2025-04-02 07:00:00"\n' +
      'thumbnail: img/harbour.png\n---\n\nBoats leave the harbour at dawn.\n',
  )
  await call(request, 'importFolders', { folders: [dir] })
  const requests: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  await page.goto('/')
  await searchbox(page).fill('"Thumbnail harbour"')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  const row = resultList(page).getByRole('option').filter({ hasText: 'Thumbnail harbour at dawn' })
  const img = row.locator('img.thumb')
  await expect(img).toBeVisible()
  await expect(img).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}\.png$/)
  // visible with its src set is not yet loaded: wait for the picture itself, as 06-images does
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBe(320)
  expect(requests.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true)
  await shot(page, 'list-thumbnail')
})
