import { expect, type APIRequestContext, type Page } from '@playwright/test'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const SAMPLE = join(ROOT, 'resources/sample')
export const CORPUS = resolve(ROOT, '../shared/corpus/news')
const SHOTS = join(ROOT, 'test-results/screenshots')

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** Calls the contract directly (setup only; the behaviour under test goes through the UI). */
export async function call<T>(
  request: APIRequestContext,
  method: string,
  args?: unknown,
): Promise<T> {
  const res = await request.post('/api/call', { data: { method, args } })
  const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } }
  if (!reply.ok) throw new Error(reply.error?.message)
  return reply.value as T
}

/** Makes sure a folder is in the archive; re-importing unchanged files is cheap. */
export async function ensureImported(request: APIRequestContext, folder: string): Promise<void> {
  await call(request, 'importFolders', { folders: [folder] })
}

export const searchbox = (page: Page, name = 'Search') => page.getByRole('searchbox', { name })
export const resultList = (page: Page) => page.getByRole('listbox')
export const reader = (page: Page) => page.getByRole('article')

/** Counts the list's total from its status line ("1,234 articles"). */
export async function total(page: Page): Promise<number> {
  const text = (await page.getByRole('status').first().textContent()) ?? ''
  return Number(text.replace(/[^\d]/g, ''))
}

/** Opens the import dialog and starts importing a folder typed as a server path. */
export async function startImport(page: Page, folder: string): Promise<void> {
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Folder on the server').fill(folder)
  await dialog.getByRole('button', { name: 'Start import' }).click()
}

/** Records every aria-valuenow the progress bar shows, however briefly it is on screen. */
export async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: { seen: boolean; values: number[] } }
    w.__progress = { seen: false, values: [] }
    const check = () => {
      const bar = document.querySelector('[role=progressbar]')
      if (!bar) return
      w.__progress.seen = true
      const v = bar.getAttribute('aria-valuenow')
      if (v !== null && w.__progress.values.at(-1) !== Number(v))
        w.__progress.values.push(Number(v))
    }
    new MutationObserver(check).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    })
  })
}

export async function progressSeen(page: Page): Promise<{ seen: boolean; values: number[] }> {
  return page.evaluate(
    () => (window as unknown as { __progress: { seen: boolean; values: number[] } }).__progress,
  )
}
