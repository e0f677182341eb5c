import { expect, test, type Page } from '@playwright/test'
import { shot } from './helpers'

/** Answers one contract method with a fixed reply; everything else goes to the server. */
async function fake(page: Page, method: string, reply: unknown): Promise<void> {
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string }
    if (body.method === method) await route.fulfill({ json: reply })
    else await route.continue()
  })
}

test('the sample archive shows a slim banner', async ({ page }) => {
  await fake(page, 'info', { ok: true, value: { path: '/x', sample: true, canImport: true } })
  await page.goto('/')
  await expect(page.getByRole('note').filter({ hasText: 'sample archive' })).toBeVisible()
  await shot(page, 'sample-banner')
})

test('a read-only server explains why it cannot import', async ({ page }) => {
  await fake(page, 'info', { ok: true, value: { path: '/x', sample: false, canImport: false } })
  await page.goto('/')
  // The app starts once the server says who is asking: a key pressed before that is lost.
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible()
  await page.keyboard.press('Control+o')
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog.getByText(/read-only/)).toBeVisible()
  await expect(dialog.getByLabel('Folder on the server')).toHaveCount(0)
})

test('errors from the archive are shown, not a blank screen', async ({ page }) => {
  await fake(page, 'search', {
    ok: false,
    error: { code: 'busy', params: { job: 'import' }, message: 'The archive is locked' },
  })
  await page.goto('/')
  // the code, worded by the UI; the server's own text is never shown
  await expect(page.getByRole('alert')).toContainText('An import is already running.')
  await expect(page.getByRole('alert')).not.toContainText('The archive is locked')
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible()
  await shot(page, 'error-banner')
})
