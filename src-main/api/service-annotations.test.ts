import { describe, expect, it } from 'vitest'
import { createDispatcher } from './dispatcher'
import { article } from '../test-support/tmp'
import { ALICE, serviceFixture } from '../test-support/service'
import type { Highlight, ReferenceExport } from '../shared/annotations'

const open = serviceFixture()

const BODY =
  '分析师表示，人工智能需求强劲。人工智能需求强劲的说法并不新鲜。\n\n[腾讯新闻](https://new.qq.com/rain/a/1)'

async function make() {
  const { service, dispatch, importNews } = await open({
    'news/a.md': article('阿里巴巴财报', BODY),
    'news/b.md': article('Rates', 'Markets rose sharply.', 'source: "https://www.reuters.com/x"\n'),
  })
  const ids = await importNews()
  return {
    dispatch,
    // A second reader of the same archive, as a shared server's dispatcher hands her calls over.
    asAlice: createDispatcher(service, { local: ALICE }),
    a: ids['a.md']!,
    b: ids['b.md']!,
  }
}

describe('highlights, notes and citations through the contract', () => {
  it('adds, lists, edits and removes highlights, refusing quotes it cannot place', async () => {
    const { dispatch, asAlice, a } = await make()
    expect(await dispatch('addHighlight', { articleId: a, quote: '不在文中' })).toMatchObject({
      ok: false,
      error: { code: 'quote-not-found' },
    })
    expect(
      await dispatch('addHighlight', { articleId: a, quote: '人工智能需求强劲' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'quote-ambiguous', message: expect.stringMatching(/2 times/) },
    })
    expect(await dispatch('addHighlight', { articleId: 999, quote: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    })
    expect(
      await dispatch('addHighlight', { articleId: a, quote: 'x', color: 'red' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments' },
    })

    const added = await dispatch('addHighlight', {
      articleId: a,
      quote: '人工智能需求强劲',
      occurrence: 2,
      color: 'green',
      note: '说法',
    })
    expect(added).toMatchObject({
      ok: true,
      value: {
        articleId: a,
        quote: '人工智能需求强劲',
        start: 15,
        end: 23,
        color: 'green',
        note: '说法',
        orphaned: false,
      },
    })
    const h = (added as { value: Highlight }).value
    expect(
      (await dispatch('highlights', {})).ok && (await dispatch('highlights', {})),
    ).toMatchObject({
      value: [{ id: h.id }],
    })
    // Another reader sees none of it and cannot touch it.
    expect(await asAlice('highlights', {})).toEqual({ ok: true, value: [] })
    expect(await asAlice('removeHighlight', { id: h.id })).toMatchObject({
      ok: false,
      error: { code: 'highlight-not-found', params: { id: h.id } },
    })

    expect(await dispatch('updateHighlight', { id: h.id, note: '' })).toMatchObject({
      value: { note: null },
    })
    expect(await dispatch('removeHighlight', { id: h.id })).toEqual({ ok: true, value: true })
    expect(await dispatch('highlights', { articleId: a })).toEqual({ ok: true, value: [] })
  })

  it('keeps one note per article per reader; empty text removes it', async () => {
    const { dispatch, asAlice, a } = await make()
    await dispatch('setArticleNote', { articleId: a, note: '第一版' })
    await dispatch('setArticleNote', { articleId: a, note: '追踪此事' })
    await asAlice('setArticleNote', { articleId: a, note: 'mine' })
    expect(await dispatch('articleNote', { articleId: a })).toMatchObject({
      value: { note: '追踪此事' },
    })
    expect(await dispatch('setArticleNote', { articleId: a, note: '  ' })).toEqual({
      ok: true,
      value: null,
    })
    expect(await dispatch('articleNote', { articleId: a })).toEqual({ ok: true, value: null })
    expect(await asAlice('articleNote', { articleId: a })).toMatchObject({
      value: { note: 'mine' },
    })
  })

  it('cites and exports articles by id or by search', async () => {
    const { dispatch, a, b } = await make()
    const c = await dispatch('cite', { ids: [a], style: 'gb7714' })
    expect(c).toMatchObject({ ok: true, value: { locale: 'zh-CN', entries: [{ articleId: a }] } })
    expect((c as { value: { text: string } }).value.text).toMatch(
      /^\[1\] 阿里巴巴财报\[N\/OL\]\. 腾讯新闻, 2025-02-13\[\d{4}-\d{2}-\d{2}\]\. https:\/\/new\.qq\.com\/rain\/a\/1\.$/,
    )
    expect(await dispatch('cite', { ids: [a, 404], style: 'apa' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'No article with id 404' },
    })
    expect(await dispatch('cite', { ids: [a], style: 'harvard' })).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments' },
    })

    const ris = (await dispatch('exportReferences', { format: 'ris', ids: [a, b] })) as {
      value: ReferenceExport
    }
    expect(ris.value.count).toBe(2)
    expect(ris.value.text.match(/^TY {2}- /gm)).toHaveLength(2)
    const found = (await dispatch('exportReferences', {
      format: 'csl-json',
      query: 'markets',
    })) as {
      value: ReferenceExport
    }
    expect(JSON.parse(found.value.text)).toMatchObject([
      { id: String(b), type: 'article-newspaper', title: 'Rates' },
    ])
    expect(await dispatch('exportReferences', { format: 'bibtex' })).toMatchObject({
      ok: false,
      error: { code: 'export-source' },
    })
    expect(await dispatch('cite', { ids: [], style: 'mla' })).toMatchObject({
      ok: false,
      error: { code: 'no-articles' },
    })
  })

  it('cites a list selection: a whole result set less the rows unticked, for any reader', async () => {
    const { dispatch, asAlice, a, b } = await make()
    const every = await asAlice('cite', {
      selection: { query: '财报 OR markets', except: [] },
      style: 'apa',
    })
    expect(every).toMatchObject({ ok: true })
    const ids = (every as { value: { entries: { articleId: number }[] } }).value.entries
    expect(ids.map((e) => e.articleId).sort()).toEqual([a, b].sort())
    const less = await dispatch('cite', {
      selection: { query: '财报 OR markets', except: [a] },
      style: 'apa',
    })
    expect(less).toMatchObject({ ok: true, value: { entries: [{ articleId: b }] } })
    expect(
      await dispatch('cite', { selection: { ids: [a] }, ids: [a], style: 'apa' }),
    ).toMatchObject({ ok: false, error: { code: 'export-source' } })
    expect(
      await dispatch('cite', { selection: { query: 'volcano', except: [] }, style: 'apa' }),
    ).toMatchObject({ ok: false, error: { code: 'no-articles' } })
  })
})
