import { describe, expect, it } from 'vitest'
import { createDispatcher } from './dispatcher'
import { article } from '../test-support/tmp'
import { ALICE, serviceFixture } from '../test-support/service'
import type { Highlight } from '../shared/annotations'
import type { SearchResult } from '../shared/search-types'

// has:highlight, has:note and note: in the one search language, for each reader apart.

const open = serviceFixture()

async function make() {
  const { service, dispatch, importNews } = await open({
    'news/a.md': article(
      '阿里巴巴财报',
      '阿里巴巴公布财报，云业务增长。监管仍是变数。',
      'tags: [科技]\n',
    ),
    'news/b.md': article('阿里云降价', '阿里云宣布降价。', 'tags: [科技]\n'),
    'news/c.md': article('Rates', 'The central bank cut rates. Markets rose sharply.'),
  })
  const ids = await importNews()
  // A second reader of the same archive, as a shared server's dispatcher hands her calls over.
  const alice = createDispatcher(service, { local: ALICE })
  return { me: dispatch, alice, ids }
}

type Dispatch = ReturnType<typeof createDispatcher>

async function titles(d: Dispatch, query: string): Promise<string[]> {
  const r = await d('search', { query, sort: 'oldest' })
  if (!r.ok) throw new Error(r.error.message)
  return (r.value as SearchResult).hits.map((h) => h.title).sort()
}

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown }>): Promise<T> {
  const r = await p
  expect(r.ok).toBe(true)
  return r.value as T
}

describe('searching the reader’s highlights and notes', () => {
  it('finds articles by has:, note: (folded like articles) and counts them in the facets', async () => {
    const { me, alice, ids } = await make()
    const a = ids['a.md']!
    const c = ids['c.md']!
    await ok(me('addHighlight', { articleId: a, quote: '监管仍是变数', note: '監管風險：要追蹤' }))
    await ok(me('addHighlight', { articleId: c, quote: 'cut rates' }))
    await ok(me('setArticleNote', { articleId: c, note: 'Follow the FED decision' }))

    expect(await titles(me, 'has:highlight')).toEqual(['Rates', '阿里巴巴财报'])
    expect(await titles(me, 'has:note')).toEqual(['Rates', '阿里巴巴财报'])
    expect(await titles(me, '-has:highlight')).toEqual(['阿里云降价'])
    // Traditional in the note, Simplified in the query; case folded as for articles
    expect(await titles(me, 'note:监管风险')).toEqual(['阿里巴巴财报'])
    expect(await titles(me, 'note:fed')).toEqual(['Rates'])
    expect(await titles(me, 'note:"fed decision"')).toEqual(['Rates'])
    expect(await titles(me, '阿里 has:note tag:科技')).toEqual(['阿里巴巴财报'])
    expect(await titles(me, '阿里 -has:note')).toEqual(['阿里云降价'])
    expect(await titles(me, 'note:nothing-like-this')).toEqual([])

    const r = await ok<SearchResult>(me('search', { query: '阿里' }))
    expect(r.facets?.annotations).toEqual({ highlighted: 1, noted: 1 })

    // Another reader of the same archive sees none of it.
    expect(await titles(alice, 'has:highlight')).toEqual([])
    expect(await titles(alice, 'note:fed')).toEqual([])
    const ra = await ok<SearchResult>(alice('search', { query: '阿里' }))
    expect(ra.facets?.annotations).toEqual({ highlighted: 0, noted: 0 })
  })

  it('lists highlights by a query, asking has:note and note: of each highlight', async () => {
    const { me, ids } = await make()
    const a = ids['a.md']!
    const noted = await ok<Highlight>(
      me('addHighlight', { articleId: a, quote: '云业务增长', note: '增长来自云' }),
    )
    const bare = await ok<Highlight>(me('addHighlight', { articleId: a, quote: '监管仍是变数' }))
    await ok(me('addHighlight', { articleId: ids['c.md']!, quote: 'cut rates', note: '云' }))

    const list = async (query: string) =>
      (await ok<Highlight[]>(me('highlights', { query }))).map((h) => h.id).sort()
    expect(await list('阿里')).toEqual([noted.id, bare.id].sort())
    expect(await list('阿里 has:note tag:科技')).toEqual([noted.id])
    expect(await list('阿里 -has:note')).toEqual([bare.id])
    expect(await list('note:云')).toHaveLength(2)
    expect(await list('tag:nothing')).toEqual([])
  })

  it('lists every highlight and note newest first for the Annotations view, by a query', async () => {
    const { me, alice, ids } = await make()
    const a = ids['a.md']!
    const c = ids['c.md']!
    const tick = () => new Promise((r) => setTimeout(r, 5))
    await ok(me('addHighlight', { articleId: a, quote: '云业务增长', note: '增长来自云' }))
    await tick()
    await ok(me('setArticleNote', { articleId: c, note: 'Follow the Fed' }))
    await tick()
    await ok(me('addHighlight', { articleId: c, quote: 'cut rates', color: 'pink' }))

    type Entry = { kind: string; articleTitle: string; quote: string | null; note: string | null }
    const show = async (query?: string) =>
      (await ok<Entry[]>(me('annotations', query === undefined ? {} : { query }))).map(
        (e) => `${e.kind}:${e.articleTitle}:${e.quote ?? e.note}`,
      )
    expect(await show()).toEqual([
      'highlight:Rates:cut rates',
      'note:Rates:Follow the Fed',
      'highlight:阿里巴巴财报:云业务增长',
    ])
    expect(await show('阿里 has:note tag:科技')).toEqual(['highlight:阿里巴巴财报:云业务增长'])
    expect(await show('has:note')).toEqual([
      'note:Rates:Follow the Fed',
      'highlight:阿里巴巴财报:云业务增长',
    ])
    expect(await show('rates has:highlight')).toEqual(['highlight:Rates:cut rates'])
    expect(await ok<Entry[]>(alice('annotations', {}))).toEqual([])
  })
})
