import { expect, test, type APIRequestContext } from '@playwright/test'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, reader, resultList, searchbox, shot } from './helpers'

// Keeping the archive from the app: inline editing with undo, a bulk tag on a search result,
// and the Trash view. Each test imports its own small folder, named by a word no other test
// uses, so it can search for exactly its articles.

function folder(word: string, titles: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), `lectern-keep-${word}-`))
  mkdirSync(dir, { recursive: true })
  titles.forEach((title, i) =>
    writeFileSync(
      join(dir, `${i}.md`),
      `---\ntitle: "${title}"\ndate: 2025-0${i + 1}-10\ntags: [${word}]\nsource: Harbor Daily\n---\n\n` +
        `${word} body ${i}: the central bank held rates.\n`,
    ),
  )
  return dir
}

async function ids(request: APIRequestContext, query: string): Promise<number[]> {
  return call<number[]>(request, 'searchIds', { query })
}

test('edits an article inline, shows the imported value, undoes and resets', async ({
  page,
  request,
}) => {
  await call(request, 'importFolders', { folders: [folder('quillon', ['Rates held steady'])] })
  await page.goto('/')
  await searchbox(page).fill('tag:quillon')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page).getByRole('option').first().click()
  await expect(page.locator('#reader-title')).toHaveText('Rates held steady')

  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const form = page.getByRole('form', { name: 'Edit article' })
  await form.getByLabel('Title').fill('Rates held, again')
  await form.getByLabel('Tags').fill('quillon, central banks')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('#reader-title')).toContainText('Rates held, again')
  await expect(page.getByRole('status').filter({ hasText: 'Article edited.' })).toBeVisible()
  // The list and search see the edit: the new title is found, the new tag filters.
  await searchbox(page).fill('tag:"central banks"')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await expect(resultList(page).getByRole('option').first()).toContainText('Rates held, again')

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.locator('#reader-title')).toHaveText('Rates held steady')
  await expect(resultList(page).getByRole('option')).toHaveCount(0)

  // Edit again, then go back to the imported value field by field.
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await form.getByLabel('Title').fill('A title of my own')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('#reader-title')).toContainText('A title of my own')
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  await expect(form.getByText('Imported: Rates held steady')).toBeVisible()
  await shot(page, 'keep-inline-edit')
  await form.getByRole('button', { name: 'Reset to imported' }).click()
  await expect(page.locator('#reader-title')).toHaveText('Rates held steady')
})

test('tags every article of a search at once, and undoes it', async ({ page, request }) => {
  await call(request, 'importFolders', {
    folders: [folder('brindle', ['Bank holds rates', 'Bank cuts rates', 'Bank raises rates'])],
  })
  await page.goto('/')
  await searchbox(page).fill('tag:brindle -raises')
  await expect(resultList(page).getByRole('option')).toHaveCount(2)
  await page.getByRole('button', { name: 'Change all 2…' }).click()
  await page.getByLabel('Tag, category or source').fill('monetary policy')
  await page.getByRole('button', { name: 'Add tag' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Tagged 2 articles.' })).toBeVisible()
  await shot(page, 'keep-bulk-tag')
  expect((await ids(request, 'tag:"monetary policy"')).length).toBe(2)
  await searchbox(page).fill('tag:"monetary policy"')
  await expect(resultList(page).getByRole('option')).toHaveCount(2)
  // The facet counts the edited tag too.
  await expect(page.getByRole('navigation').getByText('monetary policy')).toBeVisible()

  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(resultList(page).getByRole('option')).toHaveCount(0)
  expect(await ids(request, 'tag:"monetary policy"')).toEqual([])
})

test('the Trash view restores and, after confirming, empties', async ({ page, request }) => {
  await call(request, 'importFolders', {
    folders: [folder('gossamer', ['Harbor opens', 'Harbor closes'])],
  })
  await page.goto('/')
  await searchbox(page).fill('tag:gossamer')
  await expect(resultList(page).getByRole('option')).toHaveCount(2)
  await page.getByRole('button', { name: 'Change all 2…' }).click()
  await page.getByRole('button', { name: 'Move to trash' }).click()
  await page.getByRole('button', { name: 'Move 2 articles to the trash' }).click()
  await expect(resultList(page).getByRole('option')).toHaveCount(0)

  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  const trash = page.getByRole('region', { name: 'Trash' })
  await expect(trash.getByText('Harbor opens')).toBeVisible()
  await expect(trash.getByText('Harbor closes')).toBeVisible()
  await shot(page, 'keep-trash')
  await trash
    .getByRole('listitem')
    .filter({ hasText: 'Harbor opens' })
    .getByRole('button', { name: 'Restore' })
    .click()
  await expect(trash.getByText('Harbor opens')).toHaveCount(0)
  expect((await ids(request, 'tag:gossamer')).length).toBe(1)

  await trash.getByRole('button', { name: 'Empty trash…' }).click()
  await expect(trash.getByRole('alert')).toContainText('cannot be undone')
  await trash.getByRole('button', { name: 'Empty trash for good' }).click()
  await expect(trash.getByText('The trash is empty.')).toBeVisible()
  await page.getByRole('button', { name: 'Back to articles' }).click()
  await searchbox(page).fill('tag:gossamer')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await expect(reader(page)).toHaveCount(0)
})

test('a trash of hundreds shows only the rows in view, and scrolls to the last', async ({
  page,
  request,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-keep-filigree-'))
  for (let i = 0; i < 400; i++)
    writeFileSync(
      join(dir, `${i}.md`),
      `---\ntitle: "Filigree ${String(i).padStart(3, '0')}"\ndate: 2025-03-10\ntags: [filigree]\n---\n\nfiligree ${i}\n`,
    )
  await call(request, 'importFolders', { folders: [dir] })
  const all = await ids(request, 'tag:filigree')
  expect(all.length).toBe(400)
  await call(request, 'trashArticles', { ids: all })

  await page.goto('/')
  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  const trash = page.getByRole('region', { name: 'Trash' })
  await expect(trash.getByRole('status')).toHaveText('400 articles')
  await expect(trash.getByText('Filigree 000')).toBeVisible()
  // only what is in view (and a few more) is in the page
  expect(await trash.getByRole('listitem').count()).toBeLessThan(60)
  // the trash is read a page at a time as it scrolls: the last one comes when scrolled to
  const listed = await call<{ total: number; articles: { title: string }[] }>(
    request,
    'trashList',
    { offset: 399, limit: 1 },
  )
  expect(listed.total).toBe(400)
  const last = listed.articles[0]!.title
  await expect(trash.getByText(last)).toHaveCount(0)
  await trash.getByRole('list').evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect(trash.getByText(last)).toBeVisible()
  await trash
    .getByRole('listitem')
    .filter({ hasText: last })
    .getByRole('button', { name: 'Restore' })
    .click()
  await expect(trash.getByRole('status')).toHaveText('399 articles')
  expect((await ids(request, 'tag:filigree')).length).toBe(1)
  await call(request, 'emptyTrash')
})

test('changes the picked rows: sets their source and removes a category; merges labels', async ({
  page,
  request,
}) => {
  const dir = folder('pelorus', ['Port reopens', 'Port closes', 'Port expands'])
  // two spellings of one port operator, and a category to take off
  writeFileSync(
    join(dir, 'x.md'),
    `---\ntitle: "Port strike"\ndate: 2025-05-10\ntags: [pelorus, 佩洛港務]\ncategories: [draft]\n---\n\npelorus strike.\n`,
  )
  writeFileSync(
    join(dir, 'y.md'),
    `---\ntitle: "Port strike ends"\ndate: 2025-05-11\ntags: [pelorus, Pelorus Ports]\ncategories: [draft]\n---\n\npelorus strike over.\n`,
  )
  await call(request, 'importFolders', { folders: [dir] })
  await page.goto('/')
  await searchbox(page).fill('tag:pelorus')
  await expect(resultList(page).getByRole('option')).toHaveCount(5)
  await searchbox(page).fill('tag:pelorus strike')
  await expect(resultList(page).getByRole('option')).toHaveCount(2)
  const mod = process.platform === 'darwin' ? 'Meta' : 'Control'
  for (const row of await resultList(page).getByRole('option').all()) {
    await row.click({ modifiers: [mod] })
  }
  const bar = page.getByRole('toolbar', { name: '2 selected' })
  await bar.getByRole('button', { name: 'Tags, source, trash…' }).click()
  await bar.getByLabel('Tag, category or source').fill('Harbor Wire')
  await bar.getByRole('button', { name: 'Set source' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Set the source of 2' })).toBeVisible()
  expect((await ids(request, 'source:"Harbor Wire"')).length).toBe(2)
  await bar.getByLabel('Tag, category or source').fill('draft')
  await shot(page, 'keep-bulk-picked')
  await bar.getByRole('button', { name: 'Remove category' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Removed the category' })).toBeVisible()
  expect(await ids(request, 'tag:pelorus category:draft')).toEqual([])

  // Three spellings of one port operator become one tag, in Settings; the undo bar takes it back.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByLabel('Labels, separated by commas').fill('佩洛港务, 佩洛港務, Pelorus Ports')
  await settings.getByLabel('Into', { exact: true }).fill('佩洛港务')
  await settings.getByRole('button', { name: 'Merge', exact: true }).click()
  await expect(settings.getByText('Merged the labels on 2 articles.')).toBeVisible()
  expect((await ids(request, 'tag:pelorus tag:佩洛港务')).length).toBe(2)
  expect(await ids(request, 'tag:"Pelorus Ports"')).toEqual([])
})
