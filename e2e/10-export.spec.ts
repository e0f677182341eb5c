import { expect, test } from '@playwright/test'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, SAMPLE, shot } from './helpers'
import { harbourPng } from './png'

// Exports end to end: the Export… dialog writes an HTML file on the server; that file, opened in
// Chromium with every network request failed on purpose, still shows every article and picture.

const PNG = harbourPng()
const work = mkdtempSync(join(tmpdir(), 'lectern-export-e2e-'))
const folder = join(work, 'news')

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  mkdirSync(join(folder, 'img'), { recursive: true })
  writeFileSync(join(folder, 'img/harbour.png'), PNG)
  writeFileSync(
    join(folder, 'harbour-export.md'),
    '---\ntitle: Harbour at dawn (export)\ndate: 2025-04-02\nlang: en\n---\n' +
      'The boats leave early.\n\n![the harbour](img/harbour.png)\n\n' +
      '![not stored](https://images.example.com/boat.jpg)\n\n[Harbour Daily](https://harbour.example.com/dawn)\n',
  )
  await call(request, 'importFolders', { folders: [folder, SAMPLE] })
})

test('the Export dialog writes the current search as one HTML file', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('searchbox', { name: 'Search' }).fill('harbour')
  await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible()
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('radio', { name: /^HTML/ }).check()
  await expect(dialog.getByRole('radio', { name: /The current search “harbour”/ })).toBeChecked()
  const out = join(work, 'harbour.html')
  await dialog.getByLabel('Save as').fill(out)
  await shot(page, 'export-dialog')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(`to ${out}`)
  await shot(page, 'export-done')
  expect(existsSync(out)).toBe(true)
})

test('the exported HTML is complete with every request failed', async ({ page }) => {
  const out = join(work, 'all.html')
  const report = await call<{ articles: number; pictures: number }>(
    request(page),
    'exportArticles',
    {
      format: 'html',
      selection: { all: true },
      out,
    },
  )
  const asked: string[] = []
  await page.route('**/*', (route) => {
    asked.push(route.request().url())
    return route.abort()
  })
  await page.goto('about:blank')
  await page.setContent(readFileSync(out, 'utf8'), { waitUntil: 'load' })
  const articles = page.locator('article.entry')
  await expect(articles).toHaveCount(report.articles)
  await expect(page.locator('nav.toc li')).toHaveCount(report.articles)
  // every picture in the page comes from the file itself, and is drawn
  const imgs = await page.locator('img').evaluateAll((all) =>
    all.map((i) => ({
      src: (i as HTMLImageElement).src.slice(0, 11),
      width: (i as HTMLImageElement).complete ? (i as HTMLImageElement).naturalWidth : 0,
    })),
  )
  expect(imgs.length).toBeGreaterThanOrEqual(report.pictures)
  expect(imgs.filter((i) => i.src !== 'data:image/' || i.width === 0)).toEqual([])
  await expect(page.getByRole('img', { name: 'the harbour' })).toBeVisible()
  // the picture that is not in the archive is named, not fetched
  await expect(page.getByText('[not stored]')).toBeVisible()
  await expect(page.locator('.citation').filter({ hasText: 'Harbour Daily' })).toContainText(
    'https://harbour.example.com/dawn',
  )
  expect(asked).toEqual([])
  await page.getByText('Harbour at dawn (export)').first().scrollIntoViewIfNeeded()
  await shot(page, 'export-html-offline')
})

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' })
  test('the dialog speaks the reader’s language', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('button', { name: '导出…' }).click()
    const dialog = page.getByRole('dialog', { name: '导出文章' })
    await expect(dialog.getByText('Markdown 文件夹')).toBeVisible()
    await expect(dialog.getByRole('radio', { name: '整个文库' })).toBeChecked()
    await shot(page, 'zh-CN-export-dialog')
  })
})

function request(page: import('@playwright/test').Page) {
  return page.request
}
