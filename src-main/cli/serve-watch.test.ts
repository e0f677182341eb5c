import { afterEach, describe, expect, it } from 'vitest'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { article, tempTree } from '../test-support/tmp'
import { client } from '../test-support/http'

// `lectern serve --watch FOLDER` brings in what was written before it started (a few seconds
// after its start, as the app does), then what is written while it runs.

const root = join(__dirname, '../..')
const entry = ['--import', 'tsx', join(root, 'src-main/cli/index.ts')]
let tree: ReturnType<typeof tempTree> | undefined
let running: ChildProcess | null = null
afterEach(() => {
  running?.kill()
  running = null
  tree?.cleanup()
})

describe('lectern serve --watch', () => {
  it('catches up with the folder as it starts, then watches it', async () => {
    tree = tempTree({ 'news/a.md': article('Harbour', 'The harbour wall.') })
    const db = tree.path('archive.db')
    const imported = spawnSync(process.execPath, [
      ...entry,
      'import',
      tree.path('news'),
      '--db',
      db,
    ])
    expect(imported.status).toBe(0)
    // written after that import, before serve starts: no event will ever tell of it
    tree.write('news/b.md', article('Lighthouse', 'Written while nothing watched.'))
    const child = spawn(process.execPath, [
      ...entry,
      'serve',
      '--port',
      '0',
      '--db',
      db,
      '--watch',
      tree.path('news'),
    ])
    running = child
    let out = ''
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /at (http:\/\/\S+)/.exec(out)
        if (m) ok(m[1] as string)
      })
      child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)))
    })
    const c = client(url)
    const found = async (q: string) =>
      ((await c.call('search', { query: q })).json as { value: { total: number } }).value.total
    const until = async (q: string) => {
      for (let i = 0; i < 150 && (await found(q)) === 0; i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      return found(q)
    }
    expect(await until('title:lighthouse')).toBe(1)
    tree.write('news/c.md', article('Ferry', 'Written while watched.'))
    expect(await until('title:ferry')).toBe(1)
  }, 60_000)
})
