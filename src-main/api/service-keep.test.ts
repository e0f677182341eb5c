import { describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { article } from '../test-support/tmp'
import { serviceFixture } from '../test-support/service'
import type { WatchBatchEvent, WatchProgress } from '../shared/types'

const make = serviceFixture()
const NEWS = {
  'news/a.md': article('死亡人数为12人', '据报道，死亡人数为12人。'),
  'news/b.md': article('Ferry', 'The ferry sailed on Monday.'),
}

describe('keeping an archive through the contract', () => {
  it('edits, shows the imported value, diffs revisions, and refuses bad values by code', async () => {
    const { call, dispatch, tree } = await make(NEWS)
    await call('importFolders', { folders: [tree.path('news')] })
    const a = await call('article', { id: 1 })
    expect(a).toMatchObject({ edited: [], trashed: false, sourceMissing: false, revisions: 0 })

    const edited = await call('editArticle', { id: 1, set: { title: '改', summary: null } })
    expect(edited).toMatchObject({ title: '改', edited: ['title'] })
    expect(await dispatch('editArticle', { id: 1, set: { date: 'soon' } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-value', params: { field: 'date', rule: 'date', value: 'soon' } },
    })
    expect(await dispatch('editArticle', { id: 1, set: { body: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments' },
    })
    expect(await dispatch('editArticle', { id: 99, set: { title: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })

    writeFileSync(tree.path('news/a.md'), article('死亡人数为21人', '据报道，死亡人数为21人。'))
    const r = await call('importFolders', { folders: [tree.path('news')] })
    expect(r).toMatchObject({ updated: 1, editedFieldsKept: 1 })
    const revs = await call('revisions', {
      id: 1,
    })
    expect(revs.map((x) => [x.revision, x.title, x.current])).toEqual([
      [1, '死亡人数为12人', false],
      [2, '死亡人数为21人', true],
    ])
    const diff = await call('revisionDiff', {
      id: 1,
      from: 1,
      to: 2,
    })
    expect(diff.body.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: '12' },
      { op: 'insert', text: '21' },
    ])
    expect(await dispatch('revisionDiff', { id: 1, from: 1, to: 3 })).toMatchObject({
      ok: false,
      error: { code: 'no-such-revision', params: { id: 1, count: 2 } },
    })
  })

  it('trashes, undoes, empties; merges labels; backs up and checks', async () => {
    const { call, tree } = await make(NEWS)
    await call('importFolders', { folders: [tree.path('news')] })
    expect(await call('trashArticles', { ids: [1, 2] })).toMatchObject({ changed: 2 })
    expect(await call('undo')).toMatchObject({ action: 'trash', articles: 2 })
    await call('trashArticles', { ids: [2] })
    expect(await call('trashList', { offset: 0, limit: 50 })).toMatchObject({
      total: 1,
      articles: [{ id: 2, title: 'Ferry' }],
    })
    expect(await call('emptyTrash')).toEqual({ articles: 1, pictures: 0 })
    expect(await call('article', { id: 2 })).toBeNull()

    await call('bulkEdit', { ids: [1], addTags: ['Xinhua', '新華社'] })
    expect(
      await call('mergeLabels', { kind: 'tag', labels: ['新華社'], into: '新华社' }),
    ).toMatchObject({ changed: 1 })
    expect(await call('article', { id: 1 })).toMatchObject({
      tags: ['test', 'Xinhua', '新华社'],
    })

    const b = await call('backup', { file: tree.path('b/backup.db') })
    expect(b).toMatchObject({ articles: 1, verified: true })
    expect(await call('lastBackup')).toMatchObject({ file: tree.path('b/backup.db') })
    expect(await call('check', {})).toMatchObject({ ok: true })
  })

  it('watches folders it remembers, and reports each batch as an event', async () => {
    const { call, events, tree } = await make(NEWS, { watch: { settleMs: 200, stableMs: 300 } })
    await call('importFolders', { folders: [tree.path('news')] })
    expect(await call('watchFolders', { folders: [tree.path('news')] })).toEqual({
      folders: [tree.path('news')],
      polling: false,
    })
    writeFileSync(tree.path('news/c.md'), article('New one', 'Arrived while watched.'))
    const start = Date.now()
    while (!events.some((e) => e.event === 'watchBatch') && Date.now() - start < 8000) {
      await new Promise((r) => setTimeout(r, 50))
    }
    const batch = events.find((e) => e.event === 'watchBatch')?.data
    expect(batch).toMatchObject({ report: { imported: 1 }, missing: 0 })
    expect(await call('unwatchFolders', {})).toEqual({ folders: [], polling: false })
    await expect(call('watchFolders', { folders: [tree.path('nowhere')] })).rejects.toMatchObject({
      code: 'not-a-folder',
    })
  }, 20_000)

  it('at the start imports what the watched folders got while nothing watched', async () => {
    const { call, service, events, tree } = await make(NEWS, {
      watch: { settleMs: 200, stableMs: 300, catchUpAfterMs: 100 },
    })
    await call('importFolders', { folders: [tree.path('news')] })
    await call('watchFolders', { folders: [tree.path('news')] })
    await service.stopWatching() // the app is closed
    writeFileSync(tree.path('news/c.md'), article('Overnight', 'Written while the app was closed.'))
    writeFileSync(tree.path('news/b.md'), article('Ferry', 'The ferry sailed on Tuesday.'))
    await service.resumeWatching() // and opened again
    const start = Date.now()
    while (!events.some((e) => e.event === 'watchBatch') && Date.now() - start < 8000) {
      await new Promise((r) => setTimeout(r, 50))
    }
    const batch = events.find((e) => e.event === 'watchBatch')?.data as WatchBatchEvent
    expect(batch.report).toMatchObject({ imported: 1, updated: 1, unchanged: 1 })
    // the files that came in or changed, not the unchanged one
    expect(batch.report.files.map((f) => [f.path, f.status]).sort()).toEqual([
      ['b.md', 'updated'],
      ['c.md', 'imported'],
    ])
    expect((await call('search', { query: 'overnight' })).total).toBe(1)
    // the catch-up told how far it was, for the window's banner, and that it ended
    const told = events
      .filter((e) => e.event === 'watchProgress')
      .map((e) => e.data as WatchProgress)
    expect(told.every((p) => p.work === 'catch-up' && p.folder === tree.path('news'))).toBe(true)
    expect(told.map((p) => p.phase)).toContain('importing')
    expect(told.at(-1)).toMatchObject({ phase: 'done', done: 3, total: 3 })
    // still watching afterwards
    expect(await call('watchStatus')).toMatchObject({ folders: [tree.path('news')] })
  }, 20_000)

  it('watches another folder at once while a long burst comes in, and loses none of it', async () => {
    const { call, service, events, tree } = await make(
      { ...NEWS, 'more/x.md': article('Elsewhere', 'Another folder.') },
      { watch: { settleMs: 200, stableMs: 300, batchFiles: 2 } },
    )
    await call('importFolders', { folders: [tree.path('news')] })
    await call('watchFolders', { folders: [tree.path('news')] })
    for (let i = 0; i < 40; i++)
      writeFileSync(tree.path(`news/c${i}.md`), article(`Copy ${i}`, `第${i}篇 copy ${i}`))
    const batches = () => events.filter((e) => e.event === 'watchBatch').length
    const found = async (q: string) => (await call('search', { query: q })).total
    const wait = async (ok: () => boolean | Promise<boolean>) => {
      const start = Date.now()
      while (!(await ok()) && Date.now() - start < 15_000)
        await new Promise((r) => setTimeout(r, 20))
    }
    await wait(() => batches() > 0)
    // twenty slices of two are coming; the other folder is watched without waiting for them
    await call('watchFolders', { folders: [tree.path('more')] })
    expect(batches()).toBeLessThan(20)
    expect((await call('watchStatus')).folders.sort()).toEqual(
      [tree.path('news'), tree.path('more')].sort(),
    )
    // and what the first watcher left, the one that took over imports
    await wait(async () => (await found('copy')) === 40)
    expect(await found('copy')).toBe(40)

    // closing in a burst stops at once and says what was left for the next import
    for (let i = 0; i < 40; i++)
      writeFileSync(tree.path(`news/d${i}.md`), article(`Late ${i}`, `第${i}篇 late ${i}`))
    const seen = batches()
    await wait(() => batches() > seen)
    await service.stopWatching()
    const note = events.find((e) => e.event === 'watchNote')?.data as {
      code: string
      message: string
    }
    expect(note.code).toBe('stopped-early')
    const late = await found('late')
    expect(late).toBeLessThan(40)
    expect(note.message).toContain(`${40 - late} changed files of ${tree.path('news')}`)
  }, 40_000)

  it('reads the trash a page at a time, newest first, with the count', async () => {
    const { call, dispatch, tree } = await make(NEWS)
    await call('importFolders', { folders: [tree.path('news')] })
    await call('editArticle', { id: 1, set: { title: 'Renamed' } })
    await call('trashArticles', { ids: [1] })
    await new Promise((r) => setTimeout(r, 5))
    await call('trashArticles', { ids: [2] })
    const page = (offset: number, limit: number) => call('trashList', { offset, limit })
    expect(await page(0, 1)).toEqual({
      total: 2,
      articles: [{ id: 2, title: 'Ferry', trashedAt: expect.any(String) }],
    })
    // the title as edited
    expect((await page(1, 1)).articles.map((a) => [a.id, a.title])).toEqual([[1, 'Renamed']])
    expect(await page(2, 1)).toEqual({ total: 2, articles: [] })
    expect(await dispatch('trashList', { offset: 0, limit: 5000 })).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments' },
    })
  })

  it('refuses every change where the archive is read-only', async () => {
    const { dispatch, tree } = await make(NEWS, { canImport: false })
    for (const [m, a] of [
      ['editArticle', { id: 1, set: { title: 'x' } }],
      ['bulkEdit', { ids: [1], addTags: ['x'] }],
      ['trashArticles', { ids: [1] }],
      ['emptyTrash', undefined],
      ['undo', undefined],
      ['mergeLabels', { kind: 'tag', labels: ['a'], into: 'b' }],
      ['backup', { file: tree.path('x.db') }],
      ['check', { fix: true }],
      ['watchFolders', { folders: [tree.path('news')] }],
    ] as const) {
      expect(await dispatch(m, a), m).toMatchObject({ ok: false, error: { code: 'read-only' } })
    }
    expect(await dispatch('check', {})).toMatchObject({ ok: true })
  })
})
