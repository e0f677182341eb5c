import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { article } from '../test-support/tmp'
import { serviceFixture } from '../test-support/service'
import type { ExportProgress } from '../shared/export'

const open = serviceFixture()

async function make(canImport: boolean) {
  const made = await open({
    'news/a.md': article('Rates fall', 'Interest rates fall.'),
    'news/b.md': article('Rates rise', 'Interest rates rise again.'),
    'news/c.md': article('Tea market', 'Autumn tea.'),
  })
  await made.importNews()
  const service = canImport
    ? made.service
    : new ArchiveService({ db: made.db, path: made.path, canImport })
  const events = () =>
    made.events.filter((e) => e.event === 'exportProgress').map((e) => e.data as ExportProgress)
  return { dispatch: createDispatcher(service), events, tree: made.tree }
}

describe('exporting through the contract', () => {
  it('writes a search’s matches and reports progress to the end', async () => {
    const { dispatch, events, tree } = await make(true)
    const out = tree.path('rates.html')
    const reply = await dispatch('exportArticles', {
      format: 'html',
      selection: { query: 'rates' },
      out,
    })
    expect(reply).toMatchObject({ ok: true, value: { articles: 2, out, cancelled: false } })
    expect(readFileSync(out, 'utf8')).toMatch(/Rates (fall|rise)[\s\S]*Rates (fall|rise)/)
    expect(readFileSync(out, 'utf8')).not.toContain('Tea market')
    expect(events().at(-1)).toMatchObject({ phase: 'done' })
    expect(events().some((e) => e.phase === 'writing' && e.done === 2 && e.total === 2)).toBe(true)
  })

  it('writes a whole result set less the rows unticked (a Ctrl/Cmd+A selection)', async () => {
    const { dispatch, tree } = await make(true)
    const hits = (await dispatch('search', { query: 'rates' })) as {
      value: { hits: { id: number; title: string }[] }
    }
    const fall = hits.value.hits.find((h) => h.title === 'Rates fall')!.id
    const out = tree.path('rise.html')
    const reply = await dispatch('exportArticles', {
      format: 'html',
      selection: { query: 'rates', sort: 'newest', except: [fall] },
      out,
    })
    expect(reply).toMatchObject({ ok: true, value: { articles: 1 } })
    const html = readFileSync(out, 'utf8')
    expect(html).toContain('Rates rise')
    expect(html).not.toContain('Rates fall')
    expect(html).not.toContain('Tea market')
  })

  it('is refused where the archive is read-only, and writes nothing', async () => {
    const { dispatch, tree } = await make(false)
    const out = tree.path('all.html')
    const reply = await dispatch('exportArticles', {
      format: 'html',
      selection: { all: true },
      out,
    })
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'read-only', params: { action: 'export' } },
    })
    expect(existsSync(out)).toBe(false)
  })

  it('refuses a selection that is not one of ids, query or all', async () => {
    const { dispatch } = await make(true)
    for (const selection of [{ all: false }, { ids: ['1'] }, { query: 'x', all: true }, {}]) {
      const reply = await dispatch('exportArticles', { format: 'html', selection, out: 'x.html' })
      expect(reply, JSON.stringify(selection)).toMatchObject({
        ok: false,
        error: { code: 'bad-arguments' },
      })
    }
  })

  it('says there is nothing to export when the search finds nothing', async () => {
    const { dispatch, tree } = await make(true)
    const out = tree.path('none.html')
    const reply = await dispatch('exportArticles', {
      format: 'html',
      selection: { query: 'volcano' },
      out,
    })
    expect(reply).toMatchObject({ ok: false, error: { code: 'nothing-to-export' } })
  })
})
