import { afterEach, describe, expect, it } from 'vitest'
import { appendFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { watch, type FSWatcher } from 'chokidar'
import { openArchive, type Archive } from '../db/open'
import { shownArticle } from '../db/edits'
import { importFolders } from '../import/importer'
import { editArticle } from '../keep/edit'
import { article, tempTree } from '../test-support/tmp'
import { FolderWatcher, type WatchBatch } from './watcher'
import type { WatchProgress } from '../shared/types'

let tree: ReturnType<typeof tempTree>
let db: Archive
let watcher: FolderWatcher | undefined
afterEach(async () => {
  await watcher?.stop()
  watcher = undefined
  db?.close()
  tree?.cleanup()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function setup(
  opts: {
    polling?: boolean
    watchFn?: typeof watch
    defaultTimes?: boolean
    batchFiles?: number
    settleMs?: number
    onProgress?: (p: WatchProgress) => void
    /** Called after each batch is recorded, inside the watcher's own callback. */
    onBatch?: (b: WatchBatch) => void
  } = {},
) {
  tree = tempTree({ 'news/a.md': article('Harbour', '港口 harbour') })
  db = openArchive(':memory:')
  const first = await importFolders(db, [tree.path('news')])
  const batches: WatchBatch[] = []
  const notes: string[] = []
  const { defaultTimes, onBatch, ...rest } = opts
  watcher = new FolderWatcher(db, [tree.path('news')], {
    ...(defaultTimes ? {} : { settleMs: 300, stableMs: 500 }),
    ...rest,
    onBatch: (b) => {
      batches.push(b)
      onBatch?.(b)
    },
    onNote: (n) => notes.push(n.code),
  })
  await watcher.start()
  return { batches, notes, id: first.files[0]!.id! }
}

/** Waits (up to `ms`) until some batch result satisfies `ok`; returns how long it took. */
async function until(ok: () => boolean, ms = 8000): Promise<number> {
  const start = Date.now()
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error('the watcher did not import in time')
    await sleep(50)
  }
  return Date.now() - start
}
/** `n` articles written into the watched folder at once, as `news/NAME-i.md`. */
function copyIn(n: number, name: string) {
  for (let i = 0; i < n; i++) {
    writeFileSync(
      tree.path(`news/${name}-${i}.md`),
      article(`${name} ${i}`, `第${i}篇 ${name} ${i}`),
    )
  }
}

const results = (batches: WatchBatch[], path: string) =>
  batches.flatMap((b) => b.report.files).filter((f) => f.path === path)

describe('a watched folder', () => {
  it('imports a file written slowly in pieces once, and whole', async () => {
    // The app's own settle times: a pause between pieces shorter than they are never splits a file.
    const { batches } = await setup({ defaultTimes: true })
    const file = tree.path('news/slow.md')
    const pieces = [
      '---\ntitle: "慢慢写"\n',
      'date: "2025-02-13"\n---\n\n',
      '第一段。\n\n',
      '第二段。\n\n',
      'The last paragraph.\n',
    ]
    writeFileSync(file, pieces[0]!)
    for (const p of pieces.slice(1)) {
      await sleep(250)
      appendFileSync(file, p)
    }
    // Speed is measured in bench/watch.ts; here only that it comes, once and whole.
    await until(() => results(batches, 'slow.md').length > 0)
    await sleep(1200) // nothing more comes for it
    const seen = results(batches, 'slow.md')
    expect(seen.map((r) => r.status)).toEqual(['imported'])
    const shown = shownArticle(db, seen[0]!.id!)!
    expect(shown.title).toBe('慢慢写')
    expect(shown.markdown).toMatch(/第一段。\n\n第二段。\n\nThe last paragraph\.\n?$/)
  }, 20_000)

  it('keeps the article of a renamed file, with the user’s edits', async () => {
    const { batches, id } = await setup()
    editArticle(db, id, { set: { title: 'My title' } })
    renameSync(tree.path('news/a.md'), tree.path('news/renamed.md'))
    await until(() => results(batches, 'renamed.md').length > 0)
    await watcher!.idle()
    expect(results(batches, 'renamed.md')[0]).toMatchObject({ status: 'moved', id })
    expect(shownArticle(db, id)).toMatchObject({
      title: 'My title',
      path: tree.path('news/renamed.md'),
      sourceMissing: false,
    })
    expect(db.prepare(`SELECT count(*) AS n FROM articles`).get()).toEqual({ n: 1 })
  }, 20_000)

  it('imports many files copied in at once in batches of at most batchFiles, each reported', async () => {
    // (a settle time longer than a write takes to hold still: the deletion and the copies are
    // one burst)
    const { batches } = await setup({ batchFiles: 4, settleMs: 1500 })
    // a file deleted in the same burst is marked once the last batch is in
    unlinkSync(tree.path('news/a.md'))
    copyIn(10, 'copied')
    await until(() => batches.some((b) => b.missing > 0))
    await watcher!.idle()
    expect(batches.map((b) => b.report.files.length)).toEqual([4, 4, 2])
    expect(batches.map((b) => b.missing)).toEqual([0, 0, 1])
    const imported = batches.flatMap((b) => b.report.files).map((f) => [f.path, f.status])
    expect(imported.sort()).toEqual(
      Array.from({ length: 10 }, (_, i) => [`copied-${i}.md`, 'imported']).sort(),
    )
    expect(db.prepare(`SELECT count(*) AS n FROM articles`).get()).toEqual({ n: 11 })
  }, 20_000)

  it('tells how far a burst is, slice by slice, and when it is done', async () => {
    const progress: WatchProgress[] = []
    const { batches } = await setup({
      batchFiles: 100,
      settleMs: 1500,
      onProgress: (p) => progress.push(p),
    })
    copyIn(250, 'many')
    await until(() => progress.some((p) => p.phase === 'done'), 15_000)
    await watcher!.idle()
    expect(batches.map((b) => b.report.files.length)).toEqual([100, 100, 50])
    expect(progress.every((p) => p.work === 'burst' && p.total === 250)).toBe(true)
    const done = progress.map((p) => p.done)
    expect(done[0]).toBe(0)
    expect(done).toEqual([...done].sort((a, b) => a - b))
    // at least once between slices, and the end
    expect(done).toContain(100)
    expect(done).toContain(200)
    expect(progress.at(-1)).toMatchObject({ phase: 'done', done: 250 })
    expect(progress.filter((p) => p.phase === 'done')).toHaveLength(1)
  }, 30_000)

  it('stops at once in a long burst, and a watcher given what was left imports the rest', async () => {
    // The stop comes the moment the first slice has landed (from its report), so how fast this
    // machine imports cannot let the burst finish first.
    let stopping: ReturnType<FolderWatcher['stop']> | undefined
    const { batches } = await setup({
      batchFiles: 3,
      settleMs: 1500,
      onBatch: () => {
        stopping ??= watcher!.stop()
      },
    })
    unlinkSync(tree.path('news/a.md'))
    copyIn(60, 'copied')
    await until(() => stopping !== undefined)
    const left = await stopping!
    const before = batches.length
    const count = () => (db.prepare(`SELECT count(*) AS n FROM articles`).get() as { n: number }).n
    // twenty slices of three: stopped after the first, not after all of them
    expect(before).toBe(1)
    expect(count()).toBeLessThan(61)
    expect(left.changed.length).toBeGreaterThan(0)
    expect(left.changed.length + count() - 1).toBeGreaterThanOrEqual(60)
    // the deletion comes with the last slice, which was not reached: left too, nothing marked
    expect(left.removed.map(([p]) => p)).toEqual([tree.path('news/a.md')])
    expect(batches.every((b) => b.missing === 0)).toBe(true)
    await sleep(300)
    expect(batches.length).toBe(before)

    const next = new FolderWatcher(db, [tree.path('news')], {
      settleMs: 300,
      stableMs: 500,
      batchFiles: 3,
      carry: left,
      onBatch: (b) => batches.push(b),
    })
    watcher = next
    await next.start()
    await until(() => batches.some((b) => b.missing > 0))
    await next.idle()
    expect(count()).toBe(61)
    const imported = new Set(
      batches
        .flatMap((b) => b.report.files)
        .filter((f) => f.status === 'imported')
        .map((f) => f.path),
    )
    expect(imported.size).toBe(60)
    expect(batches.reduce((n, b) => n + b.missing, 0)).toBe(1)
  }, 30_000)

  it('marks the article of a deleted file as source missing and deletes nothing', async () => {
    const { batches, id } = await setup()
    unlinkSync(tree.path('news/a.md'))
    await until(() => batches.some((b) => b.missing > 0))
    expect(shownArticle(db, id)).toMatchObject({ title: 'Harbour', sourceMissing: true })
    // Put back: found again.
    writeFileSync(tree.path('news/a.md'), article('Harbour', '港口 harbour'))
    await until(() => shownArticle(db, id)?.sourceMissing === false)
  }, 20_000)

  it('falls back to polling with a note when the system watch limit is reached', async () => {
    let first: FSWatcher | undefined
    const watchFn: typeof watch = (paths, options) => {
      const w = watch(paths, options)
      first ??= w
      return w
    }
    const { batches, notes } = await setup({ watchFn })
    const limit = Object.assign(
      new Error('ENOSPC: System limit for number of file watchers reached'),
      {
        code: 'ENOSPC',
      },
    )
    first!.emit('error', limit)
    await until(() => watcher!.polling && notes.includes('polling-fallback'))
    await sleep(1500) // the polling watcher is ready
    writeFileSync(tree.path('news/new.md'), article('Polled', 'found by polling'))
    await until(() => results(batches, 'new.md').length > 0, 10_000)
    expect(results(batches, 'new.md')[0]?.status).toBe('imported')
  }, 25_000)
})
