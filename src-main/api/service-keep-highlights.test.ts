import { afterEach, describe, expect, it } from 'vitest'
import { mkdirSync, renameSync } from 'node:fs'
import { openArchive } from '../db/open'
import { article, tempTree } from '../test-support/tmp'
import type { LecternEvents } from '../shared/api'
import type { Highlight } from '../shared/annotations'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'

// A file renamed or moved inside a watched folder keeps its article, and with it what the
// reader made of it: highlights and notes (issue 12, with issue 9's highlights).

let tree: ReturnType<typeof tempTree>
let service: ArchiveService | undefined
afterEach(async () => {
  await service?.stopWatching()
  service?.close()
  service = undefined
  tree?.cleanup()
})

describe('a renamed file in a watched folder', () => {
  it('keeps its article, its highlights and its note', async () => {
    tree = tempTree({
      'news/a.md': article('死亡人数为12人', '据报道，死亡人数为12人。救援仍在进行。'),
    })
    const events: { event: string; data: unknown }[] = []
    const emit = <E extends keyof LecternEvents>(event: E, data: LecternEvents[E]) =>
      events.push({ event, data })
    service = new ArchiveService({
      db: openArchive(tree.path('a.db'), { create: true }),
      path: tree.path('a.db'),
      canImport: true,
      emit,
      watch: { settleMs: 200, stableMs: 300 },
    })
    const dispatch = createDispatcher(service)
    const call = async <T = unknown>(m: string, a?: unknown): Promise<T> => {
      const r = await dispatch(m, a)
      if (!r.ok) throw new Error(r.error.message)
      return r.value as T
    }
    await call('importFolders', { folders: [tree.path('news')] })
    const [id] = await call<number[]>('searchIds', { query: '' })
    await call('addHighlight', { articleId: id, quote: '救援仍在进行', note: '后续' })
    await call('setArticleNote', { articleId: id, note: '核对人数' })
    await call('watchFolders', { folders: [tree.path('news')] })

    mkdirSync(tree.path('news/2025'))
    renameSync(tree.path('news/a.md'), tree.path('news/2025/renamed.md'))
    // The removal may arrive in a batch of its own before the new folder is watched (the article
    // is then marked missing for a moment); the addition then finds the article by its content.
    const batches = () =>
      events
        .filter((e) => e.event === 'watchBatch')
        .map((e) => e.data as LecternEvents['watchBatch'])
    const start = Date.now()
    while (!batches().some((b) => b.report.files.length > 0) && Date.now() - start < 15_000) {
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(batches().flatMap((b) => b.report.files)).toEqual([
      expect.objectContaining({ path: '2025/renamed.md', status: 'moved', id }),
    ])
    expect(await call<number[]>('searchIds', { query: '' })).toEqual([id])
    expect(await call('article', { id })).toMatchObject({
      path: expect.stringMatching(/2025\/renamed\.md$/),
      sourceMissing: false,
    })
    const highlights = await call<Highlight[]>('highlights', { articleId: id })
    expect(highlights).toEqual([expect.objectContaining({ quote: '救援仍在进行', note: '后续' })])
    expect(await call('articleNote', { articleId: id })).toMatchObject({ note: '核对人数' })
  }, 30_000)
})
