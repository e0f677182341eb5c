import { expect, test } from '@playwright/test'
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RATE_CUT_ZH, RATE_CUT_ZH_TW, FLOOD_ZH } from '../src-main/clusters/fixtures/stories'
import { ensureImported, shot, reader, resultList, searchbox, total } from './helpers'

// three versions of one story (the earliest from 新华, a Traditional reprint, a cut one) and
// another story sharing the search word
const WORD = '澜沧江观察'
const doc = (title: string, date: string, body: string, outlet: string) =>
  `---\ntitle: "${title}"\ndate: "${date}"\n---\n\n${WORD}：${body}\n\n[${outlet}](https://${outlet}.example/a.html)\n`
const folder = mkdtempSync(join(tmpdir(), 'lectern-e2e-stories-'))
const cut = RATE_CUT_ZH.split('\n\n').slice(0, -1).join('\n\n')
for (const [name, text] of Object.entries({
  'a.md': doc('央行宣布降息', '2025-03-01 08:00:00', RATE_CUT_ZH, 'xinhua'),
  'b.md': doc('央行再度降息（台）', '2025-03-02 09:00:00', RATE_CUT_ZH_TW, 'udn'),
  'c.md': doc('降息十个基点', '2025-03-03 10:00:00', cut, 'sina'),
  'd.md': doc('南方暴雨', '2025-03-04 11:00:00', FLOOD_ZH, 'qq'),
})) {
  mkdirSync(folder, { recursive: true })
  writeFileSync(join(folder, name), text)
}

test.beforeAll(async ({ request }) => {
  await ensureImported(request, folder)
})

test('one row per story, "3 versions" opens the others, grouping turns off', async ({ page }) => {
  await page.goto('/')
  await searchbox(page).fill(WORD)
  const rows = resultList(page).getByRole('option')
  await expect(rows).toHaveCount(2)
  expect(await total(page)).toBe(2)
  const story = rows.filter({ has: page.getByRole('button', { name: '3 versions' }) })
  await expect(story).toHaveCount(1)

  await page.getByRole('checkbox', { name: 'One row per story' }).uncheck()
  await expect(rows).toHaveCount(4)
  expect(await total(page)).toBe(4)
  await page.getByRole('checkbox', { name: 'One row per story' }).check()
  await expect(rows).toHaveCount(2)

  await story.getByRole('button', { name: '3 versions' }).click()
  const versions = page.getByRole('region', { name: 'Other versions of this story' })
  const items = versions.getByRole('listitem')
  await expect(items).toHaveCount(3)
  await expect(items.first()).toContainText('xinhua')
  await expect(items.first()).toContainText('first seen')
})

test('the versions panel compares word by word, and "Not the same story" splits', async ({
  page,
}) => {
  await page.goto('/')
  await searchbox(page).fill(`${WORD} 台`)
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page).getByRole('option').first().click()
  await expect(reader(page).getByRole('heading', { name: '央行再度降息（台）' })).toBeVisible()
  await reader(page).getByRole('button', { name: '3 versions' }).click()
  const panel = page.getByRole('region', { name: 'Other versions of this story' })
  await panel
    .getByRole('listitem')
    .filter({ hasText: 'sina' })
    .getByRole('button', { name: 'Compare' })
    .click()
  const diff = panel.getByRole('region', { name: 'Compare' })
  // the cut version lacks the last paragraph; the script does not count as a difference
  await expect(diff.locator('del').first()).toBeVisible()
  await expect(diff.locator('ins')).toHaveCount(0)
  await shot(page, 'story-versions')

  await panel.getByRole('button', { name: 'Not the same story' }).click()
  await expect(panel).toHaveCount(0)
  await searchbox(page).fill(WORD)
  await expect(resultList(page).getByRole('option')).toHaveCount(3)
})
