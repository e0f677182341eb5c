import { defineConfig } from '@playwright/test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium'

// End-to-end tests drive `lectern serve` (the same UI and contract as the desktop window) in
// the system Chromium. Playwright's own browser download is never used.
const port = Number(process.env.E2E_PORT ?? 4399)
// (the test workers load this file too, and take the runner's archive from the environment)
const archive =
  process.env.E2E_ARCHIVE ?? join(mkdtempSync(join(tmpdir(), 'lectern-e2e-')), 'archive.db')
process.env.E2E_ARCHIVE = archive

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    // --allow-private-hosts: the picture tests serve their pictures from 127.0.0.1.
    command: `node bin/lectern.js serve --db ${archive} --port ${port} --allow-import --allow-private-hosts`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
  },
})
