import { expect, test } from '@playwright/test'
import { SAMPLE, ensureImported, resultList, searchbox, shot } from './helpers'

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
})

test('dark mode and the zh-CN interface, remembered after reload', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByLabel('Theme').selectOption('dark')
  await dialog.getByLabel('Language').selectOption('zh-CN')
  // the dialog itself switched language
  await page
    .getByRole('dialog', { name: '设置' })
    .getByRole('button', { name: '关闭' })
    .last()
    .click()
  await expect(searchbox(page, '搜索')).toBeVisible()
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
  expect(bg).toBe('rgb(23, 24, 27)')
  await resultList(page).getByRole('option').first().click()
  await expect(page.getByRole('article')).toBeVisible()
  await shot(page, 'dark-zh-CN')
  await page.reload()
  await expect(searchbox(page, '搜索')).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
})

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' })
  test('the UI language defaults to navigator.language', async ({ page }) => {
    await page.goto('/')
    await expect(searchbox(page, '搜索')).toBeVisible()
    await shot(page, 'zh-CN-default')
  })
})

test('panes resize by drag and remember their widths', async ({ page }) => {
  await page.goto('/')
  const handle = page.getByRole('separator', { name: 'Resize library pane' })
  const box = (await handle.boundingBox())!
  await page.mouse.move(box.x + 3, box.y + 200)
  await page.mouse.down()
  await page.mouse.move(box.x + 83, box.y + 200, { steps: 5 })
  await page.mouse.up()
  const width = Number(await handle.getAttribute('aria-valuenow'))
  expect(width).toBeGreaterThan(270)
  await page.reload()
  await expect(page.getByRole('separator', { name: 'Resize library pane' })).toHaveAttribute(
    'aria-valuenow',
    String(width),
  )
})

test('the virtualised list scrolls 100,000 results, loading pages as it goes', async ({ page }) => {
  // a fake archive of 100,000 hits answered page by page, to check windowing and paging
  const offsets: number[] = []
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as {
      method: string
      args: { limit?: number; offset?: number }
    }
    if (body.method !== 'search') return route.continue()
    const offset = body.args.offset ?? 0
    offsets.push(offset)
    const hits = Array.from(
      { length: Math.min(body.args.limit ?? 100, 100_000 - offset) },
      (_, k) => ({
        id: offset + k + 1,
        title: `Article ${offset + k}`,
        date: '2025-01-01T00:00:00',
        tags: [],
        categories: [],
        lang: 'en',
        sourceName: 'Fake',
        sourceUrl: null,
        path: `f${offset + k}.md`,
        snippet: { text: `row ${offset + k}`, marks: [] },
      }),
    )
    await route.fulfill({
      json: {
        ok: true,
        value: {
          total: 100_000,
          hits,
          facets: { tags: [], categories: [], languages: [], sources: [], years: [] },
        },
      },
    })
  })
  await page.goto('/')
  const list = resultList(page)
  await expect(list.getByRole('option').first()).toContainText('Article 0')
  expect(await list.getByRole('option').count()).toBeLessThan(40)
  await list.evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(list.getByRole('option', { name: /Article 99999/ })).toBeVisible()
  expect(await list.getByRole('option').count()).toBeLessThan(40)
  expect(offsets).toContain(99_900)
  await list.focus()
  await page.keyboard.press('Home')
  await expect(list.getByRole('option', { name: /Article 0\b/ })).toBeVisible()
  await shot(page, 'virtual-100k')
})
