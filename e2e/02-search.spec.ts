import { expect, test } from '@playwright/test'
import { existsSync } from 'node:fs'
import {
  CORPUS,
  SAMPLE,
  ensureImported,
  reader,
  resultList,
  searchbox,
  shot,
  total,
} from './helpers'

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
})

test('search 阿里 marks snippets, and the opened article marks the term', async ({
  page,
  request,
}) => {
  test.skip(!existsSync(CORPUS), `corpus not found at ${CORPUS}`)
  await ensureImported(request, CORPUS)
  await page.goto('/')
  await searchbox(page).fill('阿里')
  const first = resultList(page).getByRole('option').first()
  await expect(first.locator('mark').first()).toHaveText(/阿里/)
  expect(await total(page)).toBeGreaterThan(0)
  await first.click()
  const article = reader(page)
  await expect(article.locator('mark.term').first()).toBeVisible()
  await expect(page.getByText(/\/ \d+ matches/)).toBeVisible()
  await page.getByRole('button', { name: 'Next match' }).click()
  await expect(article.locator('mark.term.current')).toHaveCount(1)
  await shot(page, 'search-alibaba')
})

test('clicking a tag and a timeline year narrows the list', async ({ page }) => {
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  const all = await total(page)
  const library = page.getByRole('navigation', { name: 'Library' })

  const tagButton = library.getByRole('region', { name: 'Tags' }).getByRole('button').first()
  const tag = ((await tagButton.textContent()) ?? '').replace(/[\d,\s]+$/, '').trim()
  await tagButton.click()
  await expect(searchbox(page)).toHaveValue(`tag:${tag}`)
  await expect(tagButton).toHaveAttribute('aria-pressed', 'true')
  const chip = page.getByRole('button', { name: `Remove filter tag: ${tag}` })
  await expect(chip).toBeVisible()
  await expect.poll(() => total(page)).toBeLessThan(all)
  const byTag = await total(page)
  await shot(page, 'facet-tag')

  await chip.click()
  await expect.poll(() => total(page)).toBe(all)

  await library
    .getByRole('region', { name: 'Timeline' })
    .getByRole('button', { name: /^2025\s/ })
    .click()
  await expect(searchbox(page)).toHaveValue('after:2025 before:2026')
  await expect.poll(() => total(page)).toBeLessThan(all)
  await expect(resultList(page).getByRole('option').first()).toContainText('2025')
  expect(byTag).toBeGreaterThan(0)
  await shot(page, 'facet-year')
})

test('chips come from the same parse as the search: curly quotes, full-width, a full-width minus', async ({
  page,
}) => {
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  await searchbox(page).fill('tag:“open source” x ｔａｇ：ＡＩ －tag:y title:"a b"')
  const chip = (name: string) => page.getByRole('button', { name: `Remove filter ${name}` })
  for (const name of ['tag: open source', 'tag: AI', '−tag: y', 'title: a b']) {
    await expect(chip(name)).toBeVisible()
  }
  await chip('tag: AI').click()
  await expect(searchbox(page)).toHaveValue('tag:“open source” x －tag:y title:"a b"')
  await chip('−tag: y').click()
  await expect(searchbox(page)).toHaveValue('tag:“open source” x title:"a b"')
})

test('the word the index found is marked, in the snippet and in the article', async ({ page }) => {
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  // Porter: elections finds election, consultation finds consultations
  await searchbox(page).fill('title:trams elections consultation')
  const first = resultList(page).getByRole('option').first()
  await expect(first).toContainText(/Harbor Line trams/i)
  await expect(first.locator('mark')).toHaveText(['election', 'consultations'])
  await first.click()
  const marks = reader(page).locator('mark.term')
  await expect(marks.filter({ hasText: /^election$/ })).toHaveCount(1)
  await expect(marks.filter({ hasText: /^consultations$/ })).toHaveCount(1)
})

test('an ignored part of the query is named as typed', async ({ page }) => {
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  await searchbox(page).fill('tram ｂｅｆｏｒｅ：ａｂｃ')
  await expect(page.locator('.warning')).toHaveText(
    'Ignored ｂｅｆｏｒｅ：ａｂｃ: dates look like 2025, 2025-02 or 2025-02-13',
  )
})

test('keyboard-only reading: / type ↓ Enter Esc', async ({ page }) => {
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  await page.keyboard.press('/')
  await expect(searchbox(page)).toBeFocused()
  await page.keyboard.type('tram')
  await expect(resultList(page).getByRole('option').first()).toContainText(/tram/i)
  await page.keyboard.press('ArrowDown')
  await expect(resultList(page)).toBeFocused()
  await expect(resultList(page).getByRole('option', { selected: true })).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(reader(page)).toBeFocused()
  await expect(reader(page).getByRole('heading', { level: 1 })).toContainText(/tram/i)
  await shot(page, 'keyboard-reader')
  await page.keyboard.press('Escape')
  await expect(resultList(page)).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(searchbox(page)).toBeFocused()
  // Ctrl +/- changes the reader's font size
  const size = () => reader(page).evaluate((el) => getComputedStyle(el).fontSize)
  const before = await size()
  await page.keyboard.press('Control+Equal')
  await expect.poll(size).not.toBe(before)
})

test('stale responses never overwrite a newer search', async ({ page }) => {
  await page.goto('/')
  // delay the answer to the first query so it arrives after the second
  let delayed = false
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string; args: { query?: string } }
    if (!delayed && body.method === 'search' && body.args?.query === 'weather') {
      delayed = true
      await new Promise((r) => setTimeout(r, 1200))
    }
    await route.continue()
  })
  await searchbox(page).fill('weather')
  await page.waitForTimeout(300)
  await searchbox(page).fill('图书馆')
  await expect(resultList(page).getByRole('option').first()).toContainText('图书馆')
  await page.waitForTimeout(1500)
  await expect(resultList(page).getByRole('option').first()).toContainText('图书馆')
})
