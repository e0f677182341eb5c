import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { archiveOf } from './search'
import { memoryOf, ms } from './util'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium'

const ROOT = join(import.meta.dirname, '..')

export interface UiFigures {
  paintedMs: number
  facetsMs: number
  heapMb: number
  /** The same after a garbage collection: what the list really holds. */
  heapLiveMb: number
  nodes: number
  /** The highest row index shown after scrolling to the very end (rows - 1 when all reach). */
  lastRow: number
  /** Rows in the list: one per story when stories are grouped (the default). */
  rows: number
  serveRssMb: number
  servePeakMb: number
}

/**
 * The reader in a browser over the archive: start-up, first page, then the whole archive listed
 * and scrolled from top to bottom (every fiftieth of it, then the end), and the renderer's JS
 * heap and the server's memory after that.
 */
export async function benchUi(count = 100_000): Promise<UiFigures> {
  console.log(`\n## Reader (lectern serve + Chromium): ${count} articles`)
  const db = await archiveOf(count)
  const file = db.name
  db.close()
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
  })
  const started = performance.now()
  const server = spawn(
    process.execPath,
    [join(ROOT, 'bin/lectern.js'), 'serve', '--db', file, '--port', '0'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  try {
    const url = await new Promise<string>((ok, fail) => {
      server.stdout.setEncoding('utf8').on('data', (s: string) => {
        const m = /(http:\/\/\S+\/)/.exec(s)
        if (m) ok(m[1] as string)
      })
      server.on('exit', () => fail(new Error('serve exited')))
    })
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    const firstRow = page.getByRole('listbox').getByRole('option').first()
    await page.goto(url)
    await firstRow.waitFor()
    const paintedMs = performance.now() - started
    console.log(`  serve start → first results painted: ${ms(paintedMs)}`)
    // the library's facets: counted in a worker after the first answer (the page is told)
    await page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('region', { name: 'Tags' })
      .waitFor({ timeout: 120_000 })
    const facetsMs = performance.now() - started
    console.log(`  serve start → the library's facets shown: ${ms(facetsMs)}`)

    const t = performance.now()
    await page.reload()
    await firstRow.waitFor()
    console.log(`  first page of the ${count}-article list (reload): ${ms(performance.now() - t)}`)

    // Scroll through a few thousand rows, as a reader skimming would, then through the whole
    // list in fifty jumps to the end, each waiting for its rows.
    const list = page.getByRole('listbox')
    for (let i = 0; i < 20; i++) {
      await list.evaluate((el) => el.scrollBy(0, 20_000))
      await page.waitForTimeout(50)
    }
    const steps = 50
    for (let i = 1; i <= steps; i++) {
      await list.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), i / steps)
      await page.waitForTimeout(100)
    }
    await page.waitForTimeout(1000)
    const lastRow = await list.evaluate((el) =>
      Math.max(
        -1,
        ...[...el.querySelectorAll('[role="option"]')].map((o) => Number(o.id.slice(4))),
      ),
    )
    // the list's own count: with stories grouped (the default) it has a row per story
    const rows = Number(
      ((await page.locator('span.count[role="status"]').first().textContent()) ?? '').replace(
        /\D/g,
        '',
      ),
    )
    console.log(
      `  scrolled to the end: last row shown ${lastRow + 1} of the list's ${rows} rows (${count} articles)${lastRow + 1 < rows ? ': the rest cannot be reached by scrolling' : ''}`,
    )
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const metric = async (name: string) =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? NaN
    const heap = await metric('JSHeapUsedSize')
    const nodes = await metric('Nodes')
    await cdp.send('HeapProfiler.collectGarbage')
    const live = await metric('JSHeapUsedSize')
    console.log(
      `  renderer memory after scrolling: JS heap ${(heap / 1024 / 1024).toFixed(1)} MB (${(live / 1024 / 1024).toFixed(1)} MB after a collection), ${nodes} DOM nodes`,
    )
    const serve = memoryOf(server.pid ?? -1)
    console.log(
      `  lectern serve after it all: RSS ${serve.rssMb.toFixed(0)} MB, peak ${serve.peakMb.toFixed(0)} MB`,
    )
    return {
      paintedMs,
      facetsMs,
      heapMb: heap / 1024 / 1024,
      heapLiveMb: live / 1024 / 1024,
      nodes,
      lastRow,
      rows,
      serveRssMb: serve.rssMb,
      servePeakMb: serve.peakMb,
    }
  } finally {
    server.kill()
    await browser.close()
  }
}
