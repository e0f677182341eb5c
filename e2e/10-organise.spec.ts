import { expect, test, type Page } from '@playwright/test'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CORPUS, SAMPLE, call, ensureImported, resultList, searchbox, shot, total } from './helpers'

// Collections, saved searches, reading status and multi-select as a reader uses them.

const folder = mkdtempSync(join(tmpdir(), 'lectern-e2e-organise-'))
const md = (title: string, day: number, body: string) =>
  `---\ntitle: ${title}\ndate: 2026-07-${String(day).padStart(2, '0')}\ntags: [台风演练]\nlang: zh-CN\n---\n\n${body}\n`
function write(dir: string, files: Record<string, string>) {
  mkdirSync(join(folder, dir), { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, dir, name), text)
}
write('first', {
  'a.md': md('台风甲 登陆浙江', 20, '台风甲在浙江登陆，带来强降雨。'),
  'b.md': md('台风乙 影响上海', 21, '台风乙影响上海，中小学停课。'),
  'c.md': md('台风丙 过境福建', 22, '台风丙过境福建，航班取消。'),
})

test.beforeAll(async ({ request }) => {
  await ensureImported(request, SAMPLE)
  await ensureImported(request, join(folder, 'first'))
})

const library = (page: Page) => page.getByRole('navigation', { name: 'Library' })
const titles = async (page: Page) =>
  (await resultList(page).getByRole('option').locator('.title').allTextContents()).map((s) =>
    s.trim(),
  )
const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

test('a collection made from a multi-selection, reordered by drag and by keyboard, used as a filter', async ({
  page,
}) => {
  await page.goto('/')
  await searchbox(page).fill('tag:台风演练')
  await expect.poll(() => total(page)).toBe(3)
  const row = (name: string) => resultList(page).getByRole('option', { name: new RegExp(name) })

  const collections = library(page).getByRole('region', { name: 'Collections' })
  await collections.getByRole('button', { name: 'New collection' }).click()
  await collections.getByRole('textbox', { name: 'Collection name' }).fill('台风 2026')
  await collections.getByRole('textbox', { name: 'Collection name' }).press('Enter')
  await expect(searchbox(page)).toHaveValue('collection:"台风 2026"')
  await expect.poll(() => total(page)).toBe(0)

  await searchbox(page).fill('tag:台风演练')
  await expect.poll(() => total(page)).toBe(3)
  // Picked with Ctrl/Cmd in the order 丙, 甲, 乙: a collection keeps the order given.
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('oldest')
  await expect
    .poll(() => titles(page))
    .toEqual(['台风甲 登陆浙江', '台风乙 影响上海', '台风丙 过境福建'])
  await row('台风丙').click({ modifiers: [mod] })
  await row('台风甲').click({ modifiers: [mod] })
  await row('台风乙').click({ modifiers: [mod] })
  await expect(page.getByText('3 selected')).toBeVisible()
  await page.getByRole('combobox', { name: 'Add to collection' }).selectOption('台风 2026')
  await expect(page.getByText('Added 3 to “台风 2026”')).toBeVisible()

  const item = collections.getByRole('button', { name: /^台风 2026/ })
  await expect(item).toContainText('3')
  await item.click()
  await expect(searchbox(page)).toHaveValue('collection:"台风 2026"')
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('relevance')
  await expect
    .poll(() => titles(page))
    .toEqual(['台风丙 过境福建', '台风甲 登陆浙江', '台风乙 影响上海'])
  await expect(page.getByText('Drag, or Alt+↑/↓, to reorder')).toBeVisible()

  // Drag 乙 (last) onto the first row: it goes first.
  await row('台风乙').dragTo(row('台风丙'))
  await expect
    .poll(() => titles(page))
    .toEqual(['台风乙 影响上海', '台风丙 过境福建', '台风甲 登陆浙江'])

  // Alt+↓ on the active row moves it down one place; the order is the archive's, not the page's.
  await row('台风乙').click()
  await resultList(page).focus()
  await page.keyboard.press('Alt+ArrowDown')
  await expect
    .poll(() => titles(page))
    .toEqual(['台风丙 过境福建', '台风乙 影响上海', '台风甲 登陆浙江'])
  await page.reload()
  await library(page)
    .getByRole('region', { name: 'Collections' })
    .getByRole('button', { name: /^台风 2026/ })
    .click()
  await expect
    .poll(() => titles(page))
    .toEqual(['台风丙 过境福建', '台风乙 影响上海', '台风甲 登陆浙江'])
  await row('台风乙').click()
  await expect(page.getByText('In: 台风 2026')).toBeVisible()
  await shot(page, 'collection')

  // The filter combines with words and with reading status.
  await searchbox(page).fill('collection:"台风 2026" 停课')
  await expect.poll(() => titles(page)).toEqual(['台风乙 影响上海'])
})

test('Ctrl/Cmd+A picks the whole result set and marks it read, without loading every row', async ({
  page,
  request,
}) => {
  const big = existsSync(CORPUS)
  if (big) await ensureImported(request, CORPUS)
  // Other tests' readers may have read some (the reader marks an article read once it has been
  // open a while): start from everything unread, so every picked article is changed.
  await call(request, 'setRead', { selection: { query: '', except: [] }, read: false })
  // one row per article: the selection is of articles here (grouped rows are picked as rows:
  // search/search-group.test.ts)
  await page.addInitScript(() =>
    localStorage.setItem('lectern.settings', JSON.stringify({ groupStories: false })),
  )
  await page.goto('/')
  await expect(resultList(page).getByRole('option').first()).toBeVisible()
  const all = await total(page)
  if (big) expect(all).toBeGreaterThan(2000)
  const searches: number[] = []
  page.on('request', (r) => {
    if (r.url().endsWith('/api/call') && r.postData()?.includes('"search"')) searches.push(1)
  })
  await resultList(page).focus()
  await page.keyboard.press(`${mod}+a`)
  await expect(page.getByText(`${all.toLocaleString('en')} selected`)).toBeVisible()
  // Leave the first row out of it.
  const first = resultList(page).getByRole('option').first()
  const firstTitle = ((await first.locator('.title').textContent()) ?? '').trim()
  await first.click({ modifiers: [mod] })
  await expect(page.getByText(`${(all - 1).toLocaleString('en')} selected`)).toBeVisible()
  await shot(page, 'bulk-selection')
  await page.getByRole('button', { name: 'Mark read' }).click()
  await expect(page.getByText(`${(all - 1).toLocaleString('en')} articles changed`)).toBeVisible()
  // The page asked for a few pages of 100, never the whole list.
  expect(searches.length).toBeLessThan(10)

  await searchbox(page).fill('is:unread')
  await expect.poll(() => total(page)).toBe(1)
  await expect(resultList(page).getByRole('option').first()).toContainText(firstTitle)
  await searchbox(page).fill('is:read')
  await expect.poll(() => total(page)).toBe(all - 1)

  // And back: everything unread again, for the other tests.
  await call(request, 'setRead', { selection: { query: '', except: [] }, read: false })
})

test('a saved search shows how many are new since it was last opened', async ({
  page,
  request,
}) => {
  await page.goto('/')
  await searchbox(page).fill('tag:台风演练 停课 OR 航班 OR 撤离')
  await expect.poll(() => total(page)).toBe(2)
  const saved = library(page).getByRole('region', { name: 'Saved searches' })
  await saved.getByRole('button', { name: 'Save this search' }).click()
  await saved.getByRole('textbox', { name: 'Name for this search' }).fill('台风追踪')
  await saved.getByRole('textbox', { name: 'Name for this search' }).press('Enter')
  const item = saved.getByRole('button', { name: /^台风追踪/ })
  await expect(item).toContainText('2')

  write('second', {
    'd.md': md('台风丁 沿海撤离', 23, '台风丁逼近，沿海居民撤离。'),
    'e.md': md('台风戊 航班恢复', 24, '台风戊过后，航班恢复。'),
    'f.md': md('股市收盘', 24, '沪指小幅上涨。'),
  })
  await call(request, 'importFolders', { folders: [join(folder, 'second')] })
  await page.reload()
  await expect(item).toContainText('+2')
  await expect(item).toContainText('4')
  await shot(page, 'saved-search-new')

  await searchbox(page).fill('')
  await item.click()
  await expect(searchbox(page)).toHaveValue('tag:台风演练 停课 OR 航班 OR 撤离')
  await expect.poll(() => total(page)).toBe(4)
  await expect(item).not.toContainText('+2')
})

test('the reader marks read by hand and adds to a collection; in Chinese too', async ({ page }) => {
  await page.goto('/')
  await searchbox(page).fill('tag:台风演练 台风甲')
  await resultList(page).getByRole('option').first().click()
  const mark = page.getByRole('button', { name: 'Mark read' })
  await mark.click()
  await expect(page.getByRole('button', { name: '✓ Mark unread' })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await searchbox(page).fill('tag:台风演练 台风甲 is:read')
  await expect.poll(() => total(page)).toBe(1)

  await page.evaluate(() =>
    localStorage.setItem('lectern.settings', JSON.stringify({ language: 'zh-CN' })),
  )
  await page.reload()
  const lib = page.getByRole('navigation', { name: '文库' })
  await expect(lib.getByRole('region', { name: '合集' })).toBeVisible()
  await expect(lib.getByRole('region', { name: '已存搜索' })).toBeVisible()
  await page.getByRole('searchbox').fill('is:maybe tag:台风演练')
  await expect(page.getByText('已忽略 is:maybe：请用 is:read 或 is:unread')).toBeVisible()
  await page.getByRole('searchbox').fill('collection:没有')
  await expect(page.getByText('没有名为“没有”的合集')).toBeVisible()
  await shot(page, 'organise-zh')
})
