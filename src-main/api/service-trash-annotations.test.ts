import { afterEach, describe, expect, it } from 'vitest'
import { openArchive } from '../db/open'
import { article, tempTree } from '../test-support/tmp'
import type { AnnotationEntry, Highlight } from '../shared/annotations'
import type { TrashedArticle } from '../shared/types'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'

// Emptying the trash after the reader has looked at the Annotations view: the view asks which
// articles are in the trash the same way emptying does, and once left emptying find nothing
// to remove while it told the app it had.

let tree: ReturnType<typeof tempTree>
let service: ArchiveService | undefined
afterEach(() => {
  service?.close()
  service = undefined
  tree?.cleanup()
})

describe('emptying the trash after the Annotations view', () => {
  it('removes the trashed article with its highlights and note, and keeps the others', async () => {
    tree = tempTree({
      'news/a.md': article('阿里巴巴季度财报', '监管环境仍是最大的变数。云业务收入同比增长。'),
      'news/b.md': article('Harbor closes', 'The harbor closed on Monday after the storm.'),
    })
    service = new ArchiveService({
      db: openArchive(tree.path('a.db'), { create: true }),
      path: tree.path('a.db'),
      canImport: true,
    })
    const dispatch = createDispatcher(service)
    const call = async <T = unknown>(m: string, a?: unknown): Promise<T> => {
      const r = await dispatch(m, a)
      if (!r.ok) throw new Error(r.error.message)
      return r.value as T
    }
    await call('importFolders', { folders: [tree.path('news')] })
    const [zh] = await call<number[]>('searchIds', { query: 'title:阿里巴巴季度财报' })
    const [en] = await call<number[]>('searchIds', { query: 'title:harbor' })
    await call('addHighlight', { articleId: zh, quote: '监管环境仍是最大的变数', note: '政策风险' })
    await call('addHighlight', { articleId: en, quote: 'after the storm', note: 'check date' })
    await call('setArticleNote', { articleId: en, note: 'follow up' })
    // the Annotations view, as the reader opens it
    expect(await call<AnnotationEntry[]>('annotations', {})).toHaveLength(3)

    await call('trashArticles', { ids: [en] })
    const entries = await call<AnnotationEntry[]>('annotations', {})
    expect(entries.map((e) => e.articleId)).toEqual([zh])

    expect(await call('emptyTrash')).toEqual({ articles: 1, pictures: 0 })
    // The Trash view's data: nothing left to restore
    expect(await call<TrashedArticle[]>('trashList')).toEqual([])
    expect(await call<number[]>('searchIds', { query: '' })).toEqual([zh])
    expect(await call<Highlight[]>('highlights', { articleId: en })).toEqual([])
    expect(await call('articleNote', { articleId: en })).toBeNull()
    // the other article keeps what the reader made of it
    expect(await call<Highlight[]>('highlights', {})).toEqual([
      expect.objectContaining({ articleId: zh, quote: '监管环境仍是最大的变数', note: '政策风险' }),
    ])
    expect(await call<AnnotationEntry[]>('annotations', {})).toEqual([
      expect.objectContaining({ articleId: zh, kind: 'highlight' }),
    ])
    // nothing is left in the trash to empty
    expect(await call('emptyTrash')).toEqual({ articles: 0, pictures: 0 })
  })
})
