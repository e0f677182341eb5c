import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SAMPLE, ensureImported, searchbox, shot } from './helpers'

// The archive answers with codes; a Chinese reader sees Chinese, never the server's English.
test.use({ locale: 'zh-CN' })

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
})

test('an ignored part of the query is named in Chinese, as typed', async ({ page }) => {
  await page.goto('/')
  await searchbox(page, '搜索').fill('tram ｂｅｆｏｒｅ：明天')
  await expect(page.locator('.warning')).toHaveText(
    '已忽略 ｂｅｆｏｒｅ：明天：日期应写作 2025、2025-02 或 2025-02-13',
  )
  await expect(page.getByText(/Ignored/)).toHaveCount(0)
})

test('a search of only punctuation says so in Chinese', async ({ page }) => {
  await page.goto('/')
  const box = searchbox(page, '搜索')
  await box.fill('！？（）')
  const alert = page.getByRole('alert')
  await expect(alert).toHaveText('没有可搜索的内容：查询中没有文字或数字。')
  await expect(page.getByText(/Nothing to search for/)).toHaveCount(0)
  await shot(page, 'zh-CN-unsearchable-query')
  // the same answer re-worded when the reader switches language, without searching again
  await page.getByRole('button', { name: '设置' }).click()
  await page.getByRole('dialog', { name: '设置' }).getByLabel('界面语言').selectOption('en')
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Close' })
    .last()
    .click()
  await expect(alert).toHaveText('Nothing to search for: the query has no letters or digits.')
})

test('the import report words warnings and failures in Chinese', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-zh-report-'))
  try {
    // no date anywhere, and front matter that is not YAML
    writeFileSync(join(dir, 'undated.md'), '---\ntitle: 无日期的文章\n---\n\n正文内容。\n')
    writeFileSync(join(dir, 'broken.md'), '---\ntitle: "a" b\ndate: 2025-02-13\n---\n\n正文。\n')
    await page.goto('/')
    await page.getByRole('button', { name: '导入…' }).click()
    const dialog = page.getByRole('dialog', { name: '导入文章' })
    await dialog.getByLabel('服务器上的文件夹').fill(dir)
    await dialog.getByRole('button', { name: '开始导入' }).click()
    await expect(dialog.getByText('导入完成：共扫描 2 个文件。')).toBeVisible()
    await dialog
      .getByRole('group')
      .getByRole('button', { name: /^有警告/ })
      .click()
    const rows = dialog.getByRole('listitem')
    await expect(rows.filter({ hasText: 'undated.md' })).toContainText('日期未知')
    await expect(rows.filter({ hasText: 'broken.md' })).toContainText(
      /前言不是有效的 YAML（第 \d 行），已作为正文导入/,
    )
    await expect(dialog).not.toContainText('unknown date')
    await expect(dialog).not.toContainText('front matter')
    await shot(page, 'zh-CN-import-report')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
