import { describe, expect, it } from 'vitest'
import { mkdirSync, renameSync } from 'node:fs'
import { article } from '../test-support/tmp'
import { serviceFixture } from '../test-support/service'
import type { LecternEvents } from '../shared/api'

// A file renamed or moved inside a watched folder keeps its article, and with it what the
// reader made of it: highlights and notes (issue 12, with issue 9's highlights).

const make = serviceFixture()

describe('a renamed file in a watched folder', () => {
  it('keeps its article, its highlights and its note', async () => {
    const { call, events, tree } = await make(
      { 'news/a.md': article('死亡人数为12人', '据报道，死亡人数为12人。救援仍在进行。') },
      { watch: { settleMs: 200, stableMs: 300 } },
    )
    await call('importFolders', { folders: [tree.path('news')] })
    const id = (await call('searchIds', { query: '' }))[0]!
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
    expect(await call('searchIds', { query: '' })).toEqual([id])
    expect(await call('article', { id })).toMatchObject({
      path: expect.stringMatching(/2025\/renamed\.md$/),
      sourceMissing: false,
    })
    const highlights = await call('highlights', { articleId: id })
    expect(highlights).toEqual([expect.objectContaining({ quote: '救援仍在进行', note: '后续' })])
    expect(await call('articleNote', { articleId: id })).toMatchObject({ note: '核对人数' })
  }, 30_000)
})
