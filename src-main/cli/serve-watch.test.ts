import { afterEach, describe, expect, it } from 'vitest'
import type { ChildProcess } from 'node:child_process'
import { article, tempTree } from '../test-support/tmp'
import { client } from '../test-support/http'
import { runLectern, startServe } from '../test-support/cli'

// `lectern serve --watch FOLDER` brings in what was written before it started (a few seconds
// after its start, as the app does), then what is written while it runs.

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
    expect((await runLectern('import', tree.path('news'), '--db', db)).code).toBe(0)
    // written after that import, before serve starts: no event will ever tell of it
    tree.write('news/b.md', article('Lighthouse', 'Written while nothing watched.'))
    const s = startServe(['--db', db, '--watch', tree.path('news')])
    running = s.child
    const started = await s.ready
    if (!('url' in started)) throw new Error(`serve exited with ${started.code}: ${started.err}`)
    const c = client(started.url)
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
    // Ctrl+C (here SIGTERM) ends it, even with the folder going away as it stops (chokidar then
    // sometimes left a watcher open, and serve ran on after its last line for good)
    const exited = new Promise<number | null>((ok) => s.child.once('exit', ok))
    s.child.kill('SIGTERM')
    tree.cleanup()
    tree = undefined
    const code = await Promise.race([
      exited,
      new Promise((ok) => setTimeout(ok, 15_000, 'still running')),
    ])
    expect(code).toBe(0)
  }, 60_000)
})
