import { chromium, type Browser } from '@playwright/test'
import { openArchive } from '../src-main/db/open'
import { archiveOf } from './search'
import { startServe } from './first-answer'
import { memoryOf, ms } from './util'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium'

export interface UiFigures {
  paintedMs: number
  facetsMs: number
  /** The same two after a restart, with the facet index kept in the archive. */
  keptPaintedMs: number
  keptFacetsMs: number
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
  // the first start after an import: no facet index kept in the archive yet
  forgetSavedFacets(file)
  const { server, page, paintedMs, facetsMs, firstRow } = await startReader(browser, file)
  console.log(`  serve start → first results painted: ${ms(paintedMs)}`)
  console.log(`  serve start → the library's facets shown: ${ms(facetsMs)}`)
  let figures: Omit<UiFigures, 'keptPaintedMs' | 'keptFacetsMs'>
  try {
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
    const serve = memoryOf(server.pid)
    console.log(
      `  lectern serve after it all: RSS ${serve.rssMb.toFixed(0)} MB, peak ${serve.peakMb.toFixed(0)} MB`,
    )
    figures = {
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
    // (as Ctrl+C: serve keeps its facet index in the archive as it stops)
    await page.close()
    await stop(server)
  }
  try {
    const kept = savedFacetsBytes(file)
    console.log(
      `  facet index kept in the archive as serve stopped: ${(kept / 1024 / 1024).toFixed(1)} MB (${(kept / count).toFixed(0)} bytes an article)`,
    )
    const again = await startReader(browser, file)
    await again.page.close()
    await stop(again.server)
    console.log(
      `  after a restart (the index kept): first results painted ${ms(again.paintedMs)}, facets shown ${ms(again.facetsMs)}`,
    )
    return { ...figures, keptPaintedMs: again.paintedMs, keptFacetsMs: again.facetsMs }
  } finally {
    await browser.close()
  }
}

/** `lectern serve` started on `file` and a page opened on it: when its first rows were painted
 * and when the library's facets were shown, each since serve was started. */
async function startReader(browser: Browser, file: string) {
  const started = performance.now()
  const server = await startServe(file)
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  const firstRow = page.getByRole('listbox').getByRole('option').first()
  await page.goto(server.match)
  await firstRow.waitFor()
  const paintedMs = performance.now() - started
  // the library's facets: counted in a worker after the first answer (the page is told)
  await page
    .getByRole('navigation', { name: 'Library' })
    .getByRole('region', { name: 'Tags' })
    .waitFor({ timeout: 120_000 })
  const facetsMs = performance.now() - started
  return { server, page, firstRow, paintedMs, facetsMs }
}

/** Stops serve as Ctrl+C does (it keeps its facet index in the archive then), and waits. */
async function stop(server: Awaited<ReturnType<typeof startServe>>): Promise<void> {
  server.kill()
  await server.done
}

function forgetSavedFacets(file: string): void {
  const db = openArchive(file)
  db.prepare(`DELETE FROM saved_facets`).run()
  db.close()
}

function savedFacetsBytes(file: string): number {
  const db = openArchive(file, { readonly: true })
  const n = db
    .prepare(
      `SELECT coalesce(sum(length(order_ids) + length(lang) + length(source) + length(year) +
              length(label_start) + length(label_ids) + length(meta)), 0) FROM saved_facets`,
    )
    .pluck()
    .get() as number
  db.close()
  return n
}
