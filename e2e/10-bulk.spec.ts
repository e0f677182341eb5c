import { expect, test, type Page } from '@playwright/test'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, ensureImported, resultList, searchbox, shot, total } from './helpers'

// The bulk bar's Export and Cite: what is picked in the list, and only that, goes into the file
// or the bibliography, including a Ctrl/Cmd+A selection the page never loads.

const work = mkdtempSync(join(tmpdir(), 'lectern-e2e-bulk-'))
const folder = join(work, 'news')
const TITLES = ['港口晨报 一', '港口晨报 二', '港口晨报 三', '港口晨报 四']
const mod = process.platform === 'darwin' ? 'Meta' : 'Control'

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ request }) => {
  mkdirSync(folder, { recursive: true })
  TITLES.forEach((title, i) =>
    writeFileSync(
      join(folder, `bulk-${i + 1}.md`),
      `---\ntitle: ${title}\ndate: 2026-03-0${i + 1}\ntags: [批量导出]\nlang: zh-CN\nsource: https://port.example.com/${i + 1}\n---\n\n第${i + 1}篇：渔船清晨出港。\n`,
    ),
  )
  // one more, not tagged: the tagged four are never the whole archive, so a list of four is
  // the search's answer, not the first list still showing
  writeFileSync(
    join(folder, 'bulk-other.md'),
    '---\ntitle: 港口晚报\ndate: 2026-03-09\nlang: zh-CN\n---\n\n渔船傍晚归港。\n',
  )
  await ensureImported(request, folder)
})

const row = (page: Page, title: string) =>
  resultList(page).getByRole('option', { name: new RegExp(title) })

/** Titles in an exported Markdown folder: one folder per article, its index.md's front matter. */
function markdownTitles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.md')))
    .map(
      (d) =>
        /^title: ['"]?(.+?)['"]?$/m.exec(
          readFileSync(join(dir, d.name, 'index.md'), 'utf8'),
        )?.[1] ?? '',
    )
    .sort()
}

test('Export selected writes exactly the picked articles, as Markdown and as HTML', async ({
  page,
}) => {
  await page.goto('/')
  await searchbox(page).fill('tag:批量导出')
  await expect.poll(() => total(page)).toBe(4)
  await row(page, '港口晨报 一').click({ modifiers: [mod] })
  await row(page, '港口晨报 三').click({ modifiers: [mod] })
  await expect(page.getByText('2 selected')).toBeVisible()
  await shot(page, 'bulk-bar')

  await page.getByRole('button', { name: 'Export selected…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export articles' })
  const picked = dialog.getByRole('radio', { name: 'The articles selected in the list (2)' })
  await expect(picked).toBeChecked()
  await dialog.getByRole('radio', { name: /^Markdown folder/ }).check()
  const md = join(work, 'picked-md')
  await dialog.getByLabel('New folder').fill(md)
  await shot(page, 'bulk-export-dialog')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(`Exported 2 articles to ${md}`)
  expect(markdownTitles(md)).toEqual(['港口晨报 一', '港口晨报 三'])

  await dialog.getByRole('button', { name: 'Export again' }).click()
  await expect(picked).toBeChecked()
  await dialog.getByRole('radio', { name: /^HTML/ }).check()
  const html = join(work, 'picked.html')
  await dialog.getByLabel('Save as').fill(html)
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText(`Exported 2 articles to ${html}`)
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()

  await page.goto('about:blank')
  await page.setContent(readFileSync(html, 'utf8'))
  const heads = await page.locator('article.entry > h1').allTextContents()
  expect(heads.map((h) => h.trim()).sort()).toEqual(['港口晨报 一', '港口晨报 三'])
})

test('Ctrl/Cmd+A over a query, then Cite selected, cites exactly the query’s hits', async ({
  page,
  request,
}) => {
  const hits = await call<{ total: number; hits: { id: number; title: string }[] }>(
    request,
    'search',
    { query: '渔船 tag:批量导出', limit: 100 },
  )
  expect(hits.total).toBe(4)
  await page.goto('/')
  await searchbox(page).fill('渔船 tag:批量导出')
  await expect.poll(() => total(page)).toBe(4)
  // the bibliography's requests carry the query, never the ids of the rows
  const sent: unknown[] = []
  page.on('request', (r) => {
    const body = r.postDataJSON() as { method?: string; args?: unknown } | null
    if (body?.method === 'cite') sent.push(body.args)
  })
  await resultList(page).focus()
  await page.keyboard.press(`${mod}+a`)
  await expect(page.getByText('4 selected')).toBeVisible()
  await page.getByRole('button', { name: 'Cite selected…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Cite the selected articles' })
  await dialog.getByRole('combobox', { name: 'Citation style' }).selectOption('gb7714')
  const entries = dialog
    .getByRole('list', { name: 'Cite the selected articles' })
    .getByRole('listitem')
  await expect(entries.first()).toContainText('[N/OL]')
  await expect(entries).toHaveCount(4)
  await expect(dialog.getByText('4 references')).toBeVisible()
  const text = (await entries.allTextContents()).join('\n')
  for (const h of hits.hits) expect(text).toContain(h.title)
  expect(sent.at(-1)).toMatchObject({
    selection: { query: '渔船 tag:批量导出', except: [] },
    style: 'gb7714',
  })
  await shot(page, 'bulk-cite-dialog')
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()

  // one row unticked: the others only
  await row(page, '港口晨报 二').click({ modifiers: [mod] })
  await expect(page.getByText('3 selected')).toBeVisible()
  await page.getByRole('button', { name: 'Cite selected…' }).click()
  await expect(entries).toHaveCount(3)
  await expect(dialog).not.toContainText('港口晨报 二')
  // back to the settings' style for the other tests
  await dialog.getByRole('combobox', { name: 'Citation style' }).selectOption('apa')
})

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' })
  test('the bulk bar and the citation dialog speak the reader’s language', async ({ page }) => {
    await page.goto('/')
    await page.getByRole('searchbox').first().fill('tag:批量导出')
    await expect(page.getByText('共 4 篇文章')).toBeVisible()
    await resultList(page).focus()
    await page.keyboard.press(`${mod}+a`)
    await page.getByRole('button', { name: '引用所选…' }).click()
    const dialog = page.getByRole('dialog', { name: '引用选中的文章' })
    await expect(dialog.getByText('4 条参考文献')).toBeVisible()
    await expect(page.getByRole('button', { name: '导出所选…' })).toBeVisible()
    await shot(page, 'zh-CN-bulk-cite-dialog')
  })
})
