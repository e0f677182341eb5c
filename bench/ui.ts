import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { archiveOf } from './search'
import { ms } from './util'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium'

const ROOT = join(import.meta.dirname, '..')

/** The reader in a browser over a 100,000-article archive: start-up, first page, memory. */
export async function benchUi(count = 100_000): Promise<void> {
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
    console.log(`  serve start → first results painted: ${ms(performance.now() - started)}`)

    const t = performance.now()
    await page.reload()
    await firstRow.waitFor()
    console.log(`  first page of the ${count}-article list (reload): ${ms(performance.now() - t)}`)

    // Scroll through a few thousand rows, as a reader skimming would, then measure.
    const list = page.getByRole('listbox')
    for (let i = 0; i < 20; i++) {
      await list.evaluate((el) => el.scrollBy(0, 20_000))
      await page.waitForTimeout(50)
    }
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Performance.enable')
    const { metrics } = await cdp.send('Performance.getMetrics')
    const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN
    const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? NaN
    console.log(
      `  renderer memory after scrolling: JS heap ${(heap / 1024 / 1024).toFixed(1)} MB, ${nodes} DOM nodes`,
    )
  } finally {
    server.kill()
    await browser.close()
  }
}
