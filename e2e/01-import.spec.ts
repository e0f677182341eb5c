import { expect, test } from '@playwright/test'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CORPUS,
  SAMPLE,
  call,
  progressSeen,
  resultList,
  shot,
  startImport,
  total,
  watchProgress,
} from './helpers'

test('imports the sample folder through the UI, with progress and a report', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible()
  await watchProgress(page)
  await startImport(page, SAMPLE)
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog.getByText(/Import finished: \d+ files scanned/)).toBeVisible()
  expect((await progressSeen(page)).seen).toBe(true)
  // counts per status
  await expect(dialog.getByRole('term').first()).toHaveText('Imported')
  await expect(dialog.getByRole('definition').first()).toHaveText(/^[1-9]\d*$/)
  await shot(page, 'import-sample-report')
  await dialog.getByRole('button', { name: 'Close' }).last().click()
  await expect(dialog).toBeHidden()
  // the list and library refreshed
  await expect(resultList(page).getByRole('option')).not.toHaveCount(0)
  await expect(page.getByRole('status').first()).toContainText(/\d+ articles/)
})

test('imports the 2,098-file corpus with a moving progress bar', async ({ page }) => {
  test.skip(!existsSync(CORPUS), `corpus not found at ${CORPUS}`)
  await page.goto('/')
  await watchProgress(page)
  await startImport(page, CORPUS)
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  const bar = dialog.getByRole('progressbar')
  await expect(bar).toBeVisible()
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/, { timeout: 60_000 })
  await shot(page, 'import-corpus-progress')
  await expect(dialog.getByText(/Import finished: 2,098 files scanned/)).toBeVisible({
    timeout: 110_000,
  })
  const { values } = await progressSeen(page)
  expect(values.length, `progress values seen: ${values.join(', ')}`).toBeGreaterThan(2)
  expect(values).toEqual([...values].sort((a, b) => a - b))
  // filter the report by status: every row shown then has that status
  const filters = dialog.getByRole('group', { name: 'Filter' })
  await filters.getByRole('button', { name: /^With warnings/ }).click()
  await expect(dialog.getByRole('listitem').first()).toBeVisible()
  await shot(page, 'import-corpus-report')
  // the imported files, read a page at a time as the list scrolls: the last row comes too
  await filters.getByRole('button', { name: /^Imported \(/ }).click()
  const files = dialog.getByRole('list')
  await expect(files.getByRole('listitem').first()).toContainText(/Imported.*\.md/)
  const calls: string[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call')) calls.push(r.postData() ?? '')
  })
  await files.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(files.getByRole('listitem').last()).toContainText(/Imported.*\.md/)
  await expect(files.locator('[aria-busy="true"]')).toHaveCount(0)
  await shot(page, 'import-corpus-report-end')
  // only the pages in view were asked for, not the whole list
  const pages = calls.filter((c) => c.includes('importReportFiles'))
  expect(pages.length).toBeGreaterThan(0)
  expect(pages.length).toBeLessThanOrEqual(2)
  expect(pages.every((c) => !c.includes('"offset":0'))).toBe(true)
})

test('a report whose file list a later import replaced says so', async ({ page, request }) => {
  await page.goto('/')
  await startImport(page, join(SAMPLE, 'en'))
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog.getByText('Import finished: 5 files scanned.')).toBeVisible()
  // another window imports another folder: the archive keeps one report per person
  await call(request, 'importFolders', { folders: [join(SAMPLE, 'zh-CN')], listFiles: false })
  await dialog
    .getByRole('group', { name: 'Filter' })
    .getByRole('button', { name: /^Unchanged|^Imported/ })
    .first()
    .click()
  await expect(dialog.getByText(/This list is gone: another import has run since/)).toBeVisible()
  await expect(dialog.getByRole('listitem')).toHaveCount(0)
  await shot(page, 'import-report-replaced')
  // the counts are still this import's
  await expect(dialog.getByText('Import finished: 5 files scanned.')).toBeVisible()
})

test("another window's import shows in this one's list after its own import", async ({
  page,
  request,
}) => {
  await page.goto('/')
  await startImport(page, join(SAMPLE, 'zh-TW'))
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog.getByText('Import finished: 1 file scanned.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).last().click()
  await expect(resultList(page).getByRole('option')).not.toHaveCount(0)
  const before = await total(page)
  // a new article, imported from elsewhere (another tab, a colleague, a script)
  const folder = mkdtempSync(join(tmpdir(), 'lectern-e2e-other-'))
  writeFileSync(
    join(folder, 'ferry.md'),
    '---\ntitle: Night ferry timetable changes\ndate: 2026-11-30\n---\nThe last ferry leaves at eleven.\n',
  )
  await call(request, 'importFolders', { folders: [folder] })
  await expect.poll(() => total(page)).toBe(before + 1)
})
