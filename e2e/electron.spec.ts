import { _electron as electron, expect, test } from '@playwright/test'
import { existsSync, mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './helpers'

// The `electron` package exports the path of its binary, and throws when the binary was never
// downloaded (as in CI containers without it).
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown
    return typeof path === 'string' && existsSync(path) ? path : null
  } catch {
    return null
  }
}

test('the desktop app opens a window with the search box', async () => {
  const binary = electronBinary()
  test.skip(binary === null, 'Electron binary is not installed (node_modules/electron has no dist)')
  test.skip(
    !existsSync(join(ROOT, 'out/main/index.js')),
    'app not built: run npx electron-vite build',
  )
  const home = mkdtempSync(join(tmpdir(), 'lectern-electron-'))
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(ROOT, 'out/main/index.js'), '--no-sandbox'],
    env: { ...process.env, XDG_CONFIG_HOME: home, LECTERN_DB: join(home, 'archive.db') },
  })
  try {
    const window = await app.firstWindow()
    await expect(window).toHaveTitle('Lectern')
    await expect(window.getByRole('searchbox', { name: /Search|搜索/ })).toBeVisible()
  } finally {
    await app.close()
  }
})
