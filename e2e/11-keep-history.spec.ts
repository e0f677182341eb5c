import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, resultList, searchbox, shot } from './helpers'

// Revisions with their diff in the reader, and the Settings for keeping the archive: a folder
// watched from the import dialog, a backup and a check.

const page1 = (title: string, body: string) =>
  `---\ntitle: "${title}"\ndate: 2025-02-13\ntags: [tessellate]\n---\n\n${body}\n`

test('a re-imported article says when it changed and shows the diff', async ({ page, request }) => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-rev-'))
  writeFileSync(join(dir, 'a.md'), page1('央行维持利率不变', '央行周三宣布维持利率在4.5%不变。'))
  await call(request, 'importFolders', { folders: [dir] })
  writeFileSync(join(dir, 'a.md'), page1('央行下调利率', '央行周三宣布将利率下调至4.25%。'))
  await call(request, 'importFolders', { folders: [dir] })

  await page.goto('/')
  await searchbox(page).fill('tag:tessellate')
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page).getByRole('option').first().click()
  await page.getByRole('button', { name: /^Changed on .* 2 revisions$/ }).click()
  await page.getByRole('button', { name: 'Show changes' }).click()
  const diff = page.getByLabel('Changes')
  await expect(diff.locator('del').filter({ hasText: '维持' }).first()).toBeVisible()
  await expect(diff.locator('ins').filter({ hasText: '下调' }).first()).toBeVisible()
  await expect(diff.locator('del').filter({ hasText: '5' }).first()).toBeVisible()
  await shot(page, 'keep-revisions')
})

test('watches a folder ticked in the import dialog, backs up and checks', async ({
  page,
  request,
}) => {
  // The test's own folder: the watched folder and the backup inside it, removed at the end.
  const root = mkdtempSync(join(tmpdir(), 'lectern-watch-'))
  const dir = join(root, 'news')
  mkdirSync(dir)
  writeFileSync(join(dir, 'first.md'), page1('Zephyrine first', 'A watched folder.'))
  await page.goto('/')
  await page.getByRole('button', { name: 'Import…' }).click()
  await page.getByRole('checkbox', { name: 'Watch this folder' }).check()
  await page
    .getByRole('dialog', { name: 'Import articles' })
    .getByLabel('Folder on the server')
    .fill(dir)
  await page.getByRole('button', { name: 'Start import' }).click()
  await expect
    .poll(
      async () => (await call<number[]>(request, 'searchIds', { query: 'title:zephyrine' })).length,
    )
    .toBe(1)
  const importDialog = page.getByRole('dialog', { name: 'Import articles' })
  if (await importDialog.isVisible())
    await importDialog.getByRole('button', { name: 'Close' }).last().click()

  await expect
    .poll(async () => (await call<{ folders: string[] }>(request, 'watchStatus')).folders)
    .toContain(dir)
  // A file written after the import arrives by itself.
  writeFileSync(join(dir, 'second.md'), page1('Zephyrine second', 'Written later.'))
  await expect
    .poll(
      async () => (await call<number[]>(request, 'searchIds', { query: 'title:zephyrine' })).length,
      { timeout: 20_000 },
    )
    .toBe(2)
  // The app hears of the batch and lists it without a new search.
  await searchbox(page).fill('title:zephyrine')
  await expect(resultList(page).getByRole('option')).toHaveCount(2)
  // ... and a saved search counts what the watched folder brought since it was opened.
  const saved = page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('region', { name: 'Saved searches' })
  await saved.getByRole('button', { name: 'Save this search' }).click()
  await saved.getByRole('textbox', { name: 'Name for this search' }).fill('Zephyrine')
  await saved.getByRole('textbox', { name: 'Name for this search' }).press('Enter')
  const item = saved.getByRole('button', { name: /^Zephyrine/ })
  await expect(item).toContainText('2')
  await expect(item).not.toContainText('+')
  writeFileSync(join(dir, 'third.md'), page1('Zephyrine third', 'Written last.'))
  await expect(resultList(page).getByRole('option', { name: /Zephyrine third/ })).toBeVisible({
    timeout: 20_000,
  })
  // (the counts follow a watched folder at most every 10 s: src-renderer/lib/actions.ts)
  await expect(item).toContainText('+1', { timeout: 15_000 })
  await expect(item).toContainText('3')
  await shot(page, 'watched-saved-search-new')
  await searchbox(page).fill('')

  // A folder of thousands dropped in: imported 2,000 at a time, a banner saying how far it is.
  const burst = join(dir, 'dropped')
  mkdirSync(burst)
  for (let i = 0; i < 2500; i++) {
    writeFileSync(
      join(burst, `b${i}.md`),
      `---\ntitle: "Quokka ${i}"\ndate: 2025-02-14\n---\n\nDropped in with many others.\n`,
    )
  }
  const banner = page
    .getByRole('status')
    .filter({ hasText: /^Watched folder news: [\d,]+ of [\d,]+ new files imported/ })
  await expect(banner).toBeVisible({ timeout: 30_000 })
  await shot(page, 'watched-burst')
  // (the files may come in more than one batch, as the system reports them written)
  const quokkas = () => call<number[]>(request, 'searchIds', { query: 'title:quokka' })
  await expect.poll(async () => (await quokkas()).length, { timeout: 60_000 }).toBe(2500)
  await expect(banner).toHaveCount(0)
  const dropped = await quokkas()
  // (out of the way of the tests that share this archive)
  await call(request, 'trashArticles', { ids: dropped })

  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await expect(settings.getByText(dir)).toBeVisible()
  await expect(settings.getByText(/never been backed up/)).toBeVisible()
  await settings.getByLabel('Backup file').fill(join(root, 'backup.db'))
  await settings.getByRole('button', { name: 'Back up now' }).click()
  await expect(settings.getByText(/the copy was verified/)).toBeVisible()
  await settings.getByRole('button', { name: 'Check the archive' }).click()
  await expect(settings.getByText(/All well/)).toBeVisible()
  await settings.getByRole('heading', { name: 'Backup' }).scrollIntoViewIfNeeded()
  await shot(page, 'keep-settings')
  // An index made before the common pairs (src-main/db/common-pairs.ts), where the extension that
  // writes them is built: the check offers to write it again with them.
  if (existsSync('native/build/lectern_rank.so')) {
    const archive = new Database(process.env.E2E_ARCHIVE!)
    archive.prepare(`DELETE FROM index_pairs`).run()
    archive.close()
    await settings.getByRole('button', { name: 'Check the archive' }).click()
    const offer = settings.getByText(/before common Chinese words were indexed as pairs/)
    await expect(offer).toBeVisible()
    await offer.scrollIntoViewIfNeeded()
    await shot(page, 'keep-check-pairs')
    await settings.getByRole('button', { name: 'Repair' }).click()
    await expect(offer).toHaveCount(0)
    await expect(settings.getByText(/All well/)).toBeVisible()
    await expect(settings.getByRole('button', { name: 'Repair' })).toHaveCount(0)
  }
  await settings.getByRole('button', { name: 'Stop watching' }).click()
  await expect(settings.getByText(dir)).toHaveCount(0)
  rmSync(root, { recursive: true, force: true })
})
