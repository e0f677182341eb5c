// PDF: the HTML export, printed by a browser. The CLI and `lectern serve` drive the system's
// Chromium through playwright-core (its library only: no browser download); the desktop app
// passes its own printer (Electron's printToPDF, src-main/electron/print-pdf.ts).
import { existsSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { LecternError } from '../shared/errors'
import type { PdfPrinter } from './formats'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
]

/** What the user is told to do when there is no browser to print with. */
export const CHROMIUM_HELP = { install: 'apt-get install chromium', variable: 'LECTERN_CHROMIUM' }

/** The browser to print with: $LECTERN_CHROMIUM when set (and only it: a wrong path is an
 * error, not a silent fallback), else the first usual place that has one. */
export function findChromium(candidates = CANDIDATES): string | null {
  const chosen = process.env.LECTERN_CHROMIUM
  if (chosen) return existsSync(chosen) ? chosen : null
  return candidates.find((p) => existsSync(p)) ?? null
}

/** Prints with headless Chromium; a missing browser is a clear error naming what to install. */
export function chromiumPrinter(executable = findChromium()): PdfPrinter {
  return async (htmlFile, pdfFile) => {
    if (!executable) throw new LecternError('pdf-needs-chromium', CHROMIUM_HELP)
    const { chromium } = await import('playwright-core')
    const browser = await chromium.launch({ executablePath: executable, headless: true })
    try {
      const page = await browser.newPage()
      // The page is the self-contained export: nothing it asks for may leave the machine.
      await page.route(/^(?!file:|data:)/, (route) => route.abort())
      await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' })
      await page.pdf({
        path: pdfFile,
        format: 'A4',
        printBackground: true,
        margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
      })
    } finally {
      await browser.close()
    }
  }
}
