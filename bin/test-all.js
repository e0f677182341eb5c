#!/usr/bin/env node
// `npm test`: build, lint, unit + integration tests (vitest), end-to-end tests (Playwright),
// then one closing line with the totals of every suite: `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })
const bin = (name) => join(root, 'node_modules', '.bin', name)
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status

const totals = { passed: 0, failed: 0, skipped: 0 }
const step = (name, ok) => {
  totals[ok ? 'passed' : 'failed']++
  if (!ok) console.error(`✗ ${name} failed`)
}

step('build', run(bin('electron-vite'), ['build']) === 0)
step('lint', run('npm', ['run', '--silent', 'lint']) === 0)

const vitestJson = join(results, 'vitest.json')
run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
])
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8'))
  totals.passed += v.numPassedTests
  totals.failed += v.numFailedTests + (v.numFailedTestSuites ?? 0)
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
} else step('vitest', false)

const pwJson = join(results, 'playwright.json')
if (existsSync(join(root, 'playwright.config.ts'))) {
  run(bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  if (existsSync(pwJson)) {
    const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats
    totals.passed += s.expected + (s.flaky ?? 0)
    totals.failed += s.unexpected
    totals.skipped += s.skipped
  } else step('playwright', false)
}

console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
