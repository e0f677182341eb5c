import { describe, expect, it } from 'vitest'
import { article } from '../test-support/tmp'
import { serviceFixture } from '../test-support/service'

// Emptying the trash after the reader has looked at the Annotations view: the view asks which
// articles are in the trash the same way emptying does, and once left emptying find nothing
// to remove while it told the app it had.

const make = serviceFixture()

describe('emptying the trash after the Annotations view', () => {
  it('removes the trashed article with its highlights and note, and keeps the others', async () => {
    const { call, tree } = await make({
      'news/a.md': article('阿里巴巴季度财报', '监管环境仍是最大的变数。云业务收入同比增长。'),
      'news/b.md': article('Harbor closes', 'The harbor closed on Monday after the storm.'),
    })
    await call('importFolders', { folders: [tree.path('news')] })
    const zh = (await call('searchIds', { query: 'title:阿里巴巴季度财报' }))[0]!
    const en = (await call('searchIds', { query: 'title:harbor' }))[0]!
    await call('addHighlight', { articleId: zh, quote: '监管环境仍是最大的变数', note: '政策风险' })
    await call('addHighlight', { articleId: en, quote: 'after the storm', note: 'check date' })
    await call('setArticleNote', { articleId: en, note: 'follow up' })
    // the Annotations view, as the reader opens it
    expect(await call('annotations', {})).toHaveLength(3)

    await call('trashArticles', { ids: [en] })
    const entries = await call('annotations', {})
    expect(entries.map((e) => e.articleId)).toEqual([zh])

    expect(await call('emptyTrash')).toEqual({ articles: 1, pictures: 0 })
    // The Trash view's data: nothing left to restore
    expect(await call('trashList', { offset: 0, limit: 50 })).toEqual({ total: 0, articles: [] })
    expect(await call('searchIds', { query: '' })).toEqual([zh])
    expect(await call('highlights', { articleId: en })).toEqual([])
    expect(await call('articleNote', { articleId: en })).toBeNull()
    // the other article keeps what the reader made of it
    expect(await call('highlights', {})).toEqual([
      expect.objectContaining({ articleId: zh, quote: '监管环境仍是最大的变数', note: '政策风险' }),
    ])
    expect(await call('annotations', {})).toEqual([
      expect.objectContaining({ articleId: zh, kind: 'highlight' }),
    ])
    // nothing is left in the trash to empty
    expect(await call('emptyTrash')).toEqual({ articles: 0, pictures: 0 })
  })
})
