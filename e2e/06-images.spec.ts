import { expect, test, type Page } from '@playwright/test'
import { createServer, type Server } from 'node:http'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call, reader, resultList, searchbox, shot } from './helpers'
import { harbourPng } from './png'

// Offline images end to end: a picture server on 127.0.0.1 stands in for the web. The archive
// downloads through it (the browser never does), then the server goes away and the stored copy
// still shows, from /media/.

const PNG = harbourPng()
/** Long enough for the progress bar to be seen (and photographed) while a.png downloads. */
const DELAY_MS = 1500

let server: Server
let origin = ''
/** Paths the picture server was asked for (by the archive's downloader, never the page). */
const served: string[] = []
let folder = ''

function article(title: string, body: string): string {
  return `---\ntitle: ${title}\ndate: 2025-04-01\ntags: [offline-images]\n---\n${body}\n`
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  server = createServer((req, res) => {
    served.push(req.url ?? '')
    if (req.url === '/a.png' || req.url === '/b.png') {
      setTimeout(() => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG), DELAY_MS)
    } else if (req.url === '/auto.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG)
    } else if (req.url === '/slow.png') {
      // never answers: only a cancel ends this download
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such picture')
    }
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const addr = server.address()
  origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`

  folder = join(mkdtempSync(join(tmpdir(), 'lectern-images-')), 'articles')
  mkdirSync(folder)
  const files: Record<string, string> = {
    'harbor.md': article(
      'Offline harbor probe',
      `Morning at the harbor.\n\n![Harbor at dawn](${origin}/a.png)\n\n` +
        `![Lost picture](${origin}/missing.png)\n\nThe boats came in.`,
    ),
    'lighthouse.md': article(
      'Offline lighthouse probe',
      `The lighthouse, never downloaded.\n\n![Lighthouse at dusk](${origin}/b.png)\n\nEnd.`,
    ),
    'auto.md': article(
      'Offline auto probe',
      `Fetched on opening.\n\n![Automatic](${origin}/auto.png)`,
    ),
    'slow.md': article(
      'Offline slow probe',
      `A picture that never arrives.\n\n![Slow](${origin}/slow.png)`,
    ),
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text)
})

test.afterAll(() => stopServer())

function stopServer(): Promise<void> {
  return new Promise((ok) => {
    if (!server.listening) return ok()
    server.close(() => ok())
    server.closeAllConnections()
  })
}

/** Every request the page makes to the picture server's address. */
function recordImageHost(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (r) => void (r.url().startsWith(origin) && seen.push(r.url())))
  return seen
}

async function open(page: Page, title: string) {
  await searchbox(page).fill(`"${title}"`)
  await expect(resultList(page).getByRole('option')).toHaveCount(1)
  await resultList(page)
    .getByRole('option', { name: new RegExp(title) })
    .click()
  await expect(reader(page).getByRole('heading', { level: 1 })).toHaveText(title)
}

const mediaSrc = /^\/media\/[0-9a-f]{64}\.png$/

test('the import goes through the contract', async ({ request }) => {
  const report = await call<{ imported: number; unchanged: number }>(request, 'importFolders', {
    folders: [folder],
  })
  expect(report.imported + report.unchanged).toBe(4)
})

test('a download can be cancelled from its progress bar', async ({ page }) => {
  await page.goto('/')
  await open(page, 'Offline slow probe')
  const article = reader(page)
  await article.getByRole('button', { name: 'Download images' }).click()
  const bar = article.getByRole('progressbar', { name: 'Downloading images' })
  await expect(bar).toBeVisible()
  await expect(bar).toHaveAttribute('aria-valuemax', '1')
  // the line every long job shows: how many of how many, and the percentage
  await expect(article.getByText('0 of 1 image', { exact: true })).toBeVisible()
  await expect(article.getByText('0%', { exact: true })).toBeVisible()
  await article.getByRole('button', { name: 'Cancel' }).click()
  await expect(article.getByRole('status')).toHaveText(/^Download cancelled: 0 stored/)
  await expect(bar).toBeHidden()
  await expect(article.getByRole('img', { name: 'Slow' })).toBeVisible()
  await expect(article.locator('img')).toHaveCount(0)
})

test('with "Download when I open an article", opening an article stores its images', async ({
  page,
}) => {
  await page.addInitScript(() =>
    localStorage.setItem('lectern.settings', JSON.stringify({ remoteImages: 'always' })),
  )
  const toImageHost = recordImageHost(page)
  served.length = 0
  await page.goto('/')
  await open(page, 'Offline auto probe')
  const img = reader(page).getByRole('img', { name: 'Automatic' })
  await expect(img).toHaveAttribute('src', mediaSrc)
  await expect(reader(page).getByRole('status')).toHaveText(
    'Images downloaded: 1 stored, 0 failed.',
  )
  expect(served).toEqual(['/auto.png'])
  expect(toImageHost).toEqual([])
})

test('downloads the open article’s images, which then show with their server gone', async ({
  page,
}) => {
  const toImageHost = recordImageHost(page)
  const media: { url: string; status: number; type: string }[] = []
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/media/'))
      media.push({ url: r.url(), status: r.status(), type: r.headers()['content-type'] ?? '' })
  })
  await page.goto('/')
  await open(page, 'Offline harbor probe')
  const article = reader(page)
  await expect(article.getByRole('img', { name: 'Harbor at dawn' })).toBeVisible()
  await expect(article.locator('img')).toHaveCount(0)
  await expect(article).toContainText('Images not stored in the archive are not shown (2)')
  await expect(article).toContainText(`Asks ${new URL(origin).host} for them once`)
  await shot(page, 'images-placeholder-before-download')

  served.length = 0
  await article.getByRole('button', { name: 'Download images' }).click()
  const bar = article.getByRole('progressbar', { name: 'Downloading images' })
  await expect(bar).toBeVisible()
  await expect(bar).toHaveAttribute('aria-valuemax', '2')
  await expect(bar).toHaveAttribute('aria-valuenow', /^[0-2]$/)
  await shot(page, 'images-downloading')

  // the summary, with the failure and its reason; the article re-opened with its picture
  await expect(article.getByRole('status')).toHaveText('Images downloaded: 1 stored, 1 failed.')
  const failures = article.getByRole('list', { name: 'Images not downloaded' })
  await expect(failures.getByRole('listitem')).toHaveCount(1)
  await expect(failures).toContainText(`${origin}/missing.png`)
  await expect(failures).toContainText('404')
  const img = article.getByRole('img', { name: 'Harbor at dawn' })
  await expect(img).toHaveAttribute('src', mediaSrc)
  await expect(article.getByRole('img', { name: 'Lost picture' })).not.toHaveAttribute('src')
  await expect(article.getByRole('button', { name: 'Try again' })).toBeVisible()
  await shot(page, 'images-downloaded-summary')
  expect([...served].sort()).toEqual(['/a.png', '/missing.png'])

  // the web goes away; the archive's copy is all the reader needs
  await stopServer()
  await page.reload()
  await open(page, 'Offline harbor probe')
  const stored = reader(page).getByRole('img', { name: 'Harbor at dawn' })
  await expect(stored).toBeVisible()
  await expect(stored).toHaveAttribute('src', mediaSrc)
  await expect
    .poll(() => stored.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth))
    .toBe(320)
  expect(media.some((m) => m.status === 200 && m.type === 'image/png')).toBe(true)
  await shot(page, 'images-offline-after-server-stopped')
  await page.waitForTimeout(300)
  expect(toImageHost).toEqual([])
})

test('an article whose images were never downloaded shows placeholders and asks no one', async ({
  page,
}) => {
  const toImageHost = recordImageHost(page)
  await page.goto('/')
  await open(page, 'Offline lighthouse probe')
  const article = reader(page)
  await expect(article.getByRole('img', { name: 'Lighthouse at dusk' })).toBeVisible()
  await expect(article.locator('img')).toHaveCount(0)
  await expect(article.getByRole('button', { name: 'Download images' })).toBeVisible()
  await page.waitForTimeout(500)
  expect(toImageHost).toEqual([])
  expect(served).not.toContain('/b.png')
  await shot(page, 'images-never-downloaded')
})

/** Answers `fetchImages` with a fixed report after a pause, recording its arguments, so the
 * whole-archive run (which would reach the corpus's real image hosts) never leaves the machine. */
async function fakeFetchImages(page: Page): Promise<unknown[]> {
  const calls: unknown[] = []
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string; args: unknown }
    if (body.method !== 'fetchImages') return route.continue()
    calls.push(body.args)
    await new Promise((ok) => setTimeout(ok, 800))
    await route.fulfill({
      json: {
        ok: true,
        value: {
          total: 5,
          stored: 3,
          failed: 2,
          bytes: 48_000,
          cancelled: false,
          failures: [
            {
              url: 'https://img.example/gone.jpg',
              error: { code: 'http-error', params: { status: 404 } },
            },
            {
              url: 'https://slow.example/x.webp',
              error: { code: 'no-answer', params: { ms: 15_000 } },
            },
          ],
        },
      },
    })
  })
  return calls
}

async function importThroughDialog(page: Page, withImages: boolean) {
  await page.getByRole('button', { name: 'Import…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import articles' })
  await dialog.getByLabel('Folder on the server').fill(folder)
  await dialog
    .getByRole('checkbox', { name: 'Download images after import' })
    .setChecked(withImages)
  if (withImages) await shot(page, 'images-import-checkbox')
  await dialog.getByRole('button', { name: 'Start import' }).click()
  await expect(dialog.getByText('Import finished: 4 files scanned.')).toBeVisible()
  return dialog
}

test('"Download images after import" downloads the whole archive’s images', async ({ page }) => {
  const calls = await fakeFetchImages(page)
  await page.goto('/')
  let dialog = await importThroughDialog(page, false)
  await page.waitForTimeout(300)
  expect(calls).toEqual([])
  await dialog.getByRole('button', { name: 'Import…' }).click()
  await dialog.getByRole('button', { name: 'Start import' }).waitFor()
  await dialog.getByRole('button', { name: 'Close' }).last().click()

  dialog = await importThroughDialog(page, true)
  await expect(dialog.getByRole('progressbar', { name: 'Downloading images' })).toBeVisible()
  await expect(dialog.getByRole('status')).toHaveText('Images downloaded: 3 stored, 2 failed.')
  expect(calls).toEqual([{}])
  const failures = dialog.getByRole('list', { name: 'Images not downloaded' })
  await expect(failures.getByRole('listitem')).toHaveCount(2)
  await expect(failures).toContainText('no answer within 15 s')
  await shot(page, 'images-after-import')
})

test('settings count the stored images and download the missing ones', async ({ page }) => {
  const calls = await fakeFetchImages(page)
  await page.goto('/')
  await page.getByRole('button', { name: 'Settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  const section = dialog.getByRole('region', { name: 'Offline images' })
  await expect(section).toContainText(
    /[1-9][\d,]* stored \(.+B\) · [\d,]+ not downloaded · [1-9][\d,]* failed/,
  )
  await section.getByRole('button', { name: 'Download missing images' }).click()
  await expect(section.getByRole('progressbar')).toBeVisible()
  await expect(section.getByRole('status')).toHaveText('Images downloaded: 3 stored, 2 failed.')
  expect(calls).toEqual([{}])
  await shot(page, 'images-settings')
})

test('private network addresses: decided by the server, or by the desktop user', async ({
  page,
}) => {
  const label = 'Also download from this computer and the local network'
  const openSection = async () => {
    await page.getByRole('button', { name: 'Settings' }).click()
    return page.getByRole('dialog', { name: 'Settings' }).getByRole('region', {
      name: 'Offline images',
    })
  }
  await page.goto('/')
  let section = await openSection()
  // this server was started with --allow-private-hosts (its pictures are on 127.0.0.1)
  await expect(section.getByRole('checkbox', { name: label })).toBeChecked()
  await expect(section.getByRole('checkbox', { name: label })).toBeDisabled()
  await expect(section).toContainText('started with --allow-private-hosts')

  // as the desktop app answers: the user's choice goes with each download
  const calls = await fakeFetchImages(page)
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string }
    if (body.method !== 'info') return route.fallback()
    await route.fulfill({
      json: {
        ok: true,
        value: { path: '/x', sample: false, canImport: true, privateHosts: 'per-request' },
      },
    })
  })
  await page.reload()
  section = await openSection()
  const box = section.getByRole('checkbox', { name: label })
  await expect(box).toBeEnabled()
  await expect(box).not.toBeChecked()
  await section.getByRole('button', { name: 'Download missing images' }).click()
  await expect(section.getByRole('status')).toHaveText('Images downloaded: 3 stored, 2 failed.')
  await box.check()
  await shot(page, 'images-settings-private-hosts')
  await section.getByRole('button', { name: 'Download missing images' }).click()
  await expect.poll(() => calls.length).toBe(2)
  expect(calls).toEqual([{}, { allowPrivateHosts: true }])
  await page.reload()
  section = await openSection()
  await expect(section.getByRole('checkbox', { name: label })).toBeChecked()
})

test('a read-only archive explains instead of offering downloads', async ({ page }) => {
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method: string }
    if (body.method !== 'info') return route.continue()
    await route.fulfill({
      json: { ok: true, value: { path: '/x', sample: false, canImport: false } },
    })
  })
  await page.goto('/')
  await open(page, 'Offline lighthouse probe')
  const article = reader(page)
  await expect(article.getByRole('note')).toContainText('read-only')
  await expect(article.getByRole('note')).toContainText('lectern images fetch')
  await expect(article.getByRole('button', { name: 'Download images' })).toHaveCount(0)
  await shot(page, 'images-read-only')
  await page.getByRole('button', { name: 'Settings' }).click()
  const section = page.getByRole('region', { name: 'Offline images' })
  await expect(section.getByRole('note')).toContainText('read-only')
  await expect(section.getByRole('button', { name: 'Download missing images' })).toHaveCount(0)
})
