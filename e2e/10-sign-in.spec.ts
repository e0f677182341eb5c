import { expect, test } from '@playwright/test'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT, SAMPLE, searchbox, shot } from './helpers'

// A shared archive: `lectern serve` with accounts asks the browser to sign in, shows who is
// signed in, and lets them out again. Its own server, because the others run without accounts.

let dir = ''
let server: ChildProcess | null = null
let base = ''

function lectern(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/lectern.js'), ...args], {
    input,
    encoding: 'utf8',
  })
  expect(r.status, r.stderr).toBe(0)
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lectern-e2e-accounts-'))
  const db = join(dir, 'archive.db')
  lectern(['import', SAMPLE, '--db', db])
  lectern(
    ['users', 'add', 'rita', '--role', 'reader', '--password-stdin', '--db', db],
    'rita password\n',
  )
  lectern(
    ['users', 'add', 'ada', '--role', 'admin', '--password-stdin', '--db', db],
    'ada password\n',
  )
  const port = Number(process.env.E2E_PORT ?? 4399) + 1
  server = spawn(process.execPath, [
    join(ROOT, 'bin/lectern.js'),
    'serve',
    '--db',
    db,
    '--port',
    String(port),
    '--allow-import',
  ])
  base = await new Promise<string>((ok, fail) => {
    let out = ''
    server!.stdout!.on('data', (c: Buffer) => {
      out += c.toString()
      const m = /at (http:\/\/\S+)/.exec(out)
      if (m) ok(m[1] as string)
    })
    server!.once('exit', (code) => fail(new Error(`serve exited with ${code}`)))
  })
})

test.afterAll(() => {
  server?.kill()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

test('a reader signs in through the page, searches, and signs out', async ({ page }) => {
  await page.goto(base)
  const title = page.getByRole('heading', { name: 'Sign in to Lectern' })
  await expect(title).toBeVisible()
  await expect(searchbox(page)).toHaveCount(0)

  await page.getByLabel('Name').fill('rita')
  await page.getByLabel('Password').fill('not it')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong name or password.')
  await expect(page.getByLabel('Password')).toHaveValue('')
  await page.getByLabel('Name').fill('nobody')
  await page.getByLabel('Password').fill('not it')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong name or password.')

  await page.getByLabel('Name').fill('Rita')
  await page.getByLabel('Password').fill('rita password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  const box = searchbox(page)
  await expect(box).toBeVisible()
  await expect(page.getByRole('banner').getByText('rita', { exact: true })).toBeVisible()
  // A reader cannot import: the button is not there.
  await expect(page.getByRole('button', { name: 'Import…' })).toHaveCount(0)
  await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible()
  const cookies = await page.context().cookies()
  const session = cookies.find((c) => c.name === 'lectern_session')
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
  await shot(page, 'signed-in-reader')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(title).toBeVisible()
  // The old cookie is dead on the server too, not only forgotten by the browser.
  const again = await page.request.post(`${base}api/call`, {
    data: { method: 'me' },
    headers: { cookie: `lectern_session=${session!.value}` },
  })
  expect(again.status()).toBe(401)
})

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' })

  test('the sign-in page and its answers are in Chinese', async ({ page }) => {
    await page.goto(base)
    await expect(page.getByRole('heading', { name: '登录 Lectern' })).toBeVisible()
    await page.getByLabel('用户名').fill('ada')
    await page.getByLabel('密码').fill('wrong')
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByRole('alert')).toHaveText('用户名或密码不正确。')
    await shot(page, 'zh-CN-sign-in')
    await page.getByLabel('密码').fill('ada password')
    await page.getByRole('button', { name: '登录' }).click()
    await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible()
    await expect(page.getByRole('button', { name: '导入…' })).toBeVisible()
  })
})

test('the sign-in page, for the README', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 620 })
  await page.goto(base)
  await page.getByLabel('Name').fill('rita')
  await expect(page.getByRole('heading', { name: 'Sign in to Lectern' })).toBeVisible()
  mkdirSync(join(ROOT, 'test-results/screenshots'), { recursive: true })
  await page.screenshot({ path: join(ROOT, 'test-results/screenshots/sign-in.png') })
})
