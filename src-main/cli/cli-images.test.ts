import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { article, tempTree } from '../test-support/tmp'
import { imageHost, serve, tinyPng, type ImageHost } from '../test-support/images'

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree> | undefined
let host: ImageHost | undefined
afterEach(async () => {
  await host?.close()
  tree?.cleanup()
  host = tree = undefined
})

/** Runs the CLI from its sources. Asynchronously: the picture server lives in this process.
 * Picture commands opt in to private addresses, since the picture server is on 127.0.0.1. */
function lectern(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const fetches = args[0] === 'import' || args[0] === 'images'
  return lecternRaw(fetches ? [...args, '--allow-private-hosts'] : args)
}

function lecternRaw(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [
      '--import',
      'tsx',
      join(root, 'src-main/cli/index.ts'),
      ...args,
    ])
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c))
    child.stderr.on('data', (c: Buffer) => (err += c))
    child.on('close', (code) => ok({ code, out, err }))
  })
}

async function fixture() {
  host = await imageHost({ '/a.png': serve(tinyPng(3)), '/b.png': serve(tinyPng(4)) })
  tree = tempTree({
    'news/a.md': article('A', `![](${host.base}/a.png)\n\n![](${host.base}/gone.png)`),
    'news/b.md': article('B', `![](${host.base}/b.png)`),
  })
  return { folder: tree.path('news'), db: tree.path('archive.db') }
}

describe('lectern images', () => {
  it('imports with --images, then fetches only what failed, and counts pictures in stats', async () => {
    const { folder, db } = await fixture()
    const imported = await lectern(['import', folder, '--db', db, '--json', '--images'])
    expect(imported.code).toBe(0)
    const report = JSON.parse(imported.out)
    expect(report).toMatchObject({ imported: 2, failed: 0 })
    expect(report.images).toMatchObject({ total: 3, stored: 2, failed: 1, cancelled: false })
    expect(report.images.failures).toEqual([
      { url: `${host!.base}/gone.png`, error: { code: 'http-error', params: { status: 404 } } },
    ])

    host!.hits.clear()
    const again = await lectern(['images', 'fetch', '--db', db, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.out)).toMatchObject({ total: 1, stored: 0, failed: 1 })
    expect([...host!.hits.keys()]).toEqual(['/gone.png'])

    const stats = JSON.parse((await lectern(['stats', '--db', db, '--json'])).out)
    expect(stats.images).toEqual({
      stored: 2,
      missing: 0,
      failed: 1,
      bytes: tinyPng(3).length + tinyPng(4).length,
    })
    const human = await lectern(['stats', '--db', db])
    expect(human.out).toMatch(/Images:\s+2 stored \(0\.0 MB\), 0 missing, 1 failed/)
  })

  it('fetches one article with --article, and explains what went wrong', async () => {
    const { folder, db } = await fixture()
    const report = JSON.parse((await lectern(['import', folder, '--db', db, '--json'])).out)
    const b = report.files.find((f: { path: string }) => f.path === 'b.md')
    const one = await lectern(['images', 'fetch', '--article', String(b.id), '--db', db, '--json'])
    expect(JSON.parse(one.out)).toMatchObject({ total: 1, stored: 1, failed: 0 })
    expect([...host!.hits.keys()]).toEqual(['/b.png'])

    const human = await lectern(['images', 'fetch', '--db', db])
    expect(human.code).toBe(0)
    expect(human.out).toMatch(/Tried 2 pictures: 1 stored .*, 1 failed\./)
    expect(human.out).toContain(`failed: ${host!.base}/gone.png — HTTP 404`)

    const missing = await lectern(['images', 'fetch', '--article', '999', '--db', db])
    expect(missing.code).not.toBe(0)
    expect(missing.err).toMatch(/No article with id 999/)
    const usage = await lectern(['images', '--db', db])
    expect(usage.code).not.toBe(0)
    expect(usage.err).toMatch(/lectern images fetch/)
    for (const r of [missing, usage]) expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('refuses the picture server on 127.0.0.1 unless --allow-private-hosts is given', async () => {
    const { folder, db } = await fixture()
    const imported = await lecternRaw(['import', folder, '--db', db, '--json', '--images'])
    const report = JSON.parse(imported.out)
    expect(report.images).toMatchObject({ total: 3, stored: 0, failed: 3 })
    const codes = report.images.failures.map((f: { error: { code: string } }) => f.error.code)
    expect(new Set(codes)).toEqual(new Set(['private-address']))
    expect(host!.total()).toBe(0)
    const human = await lecternRaw(['images', 'fetch', '--db', db])
    expect(human.out).toContain(`failed: ${host!.base}/a.png — private address (127.0.0.1)`)
    expect(host!.total()).toBe(0)
    const allowed = await lecternRaw([
      'images',
      'fetch',
      '--db',
      db,
      '--json',
      '--allow-private-hosts',
    ])
    expect(JSON.parse(allowed.out)).toMatchObject({ total: 3, stored: 2, failed: 1 })
  })
})
