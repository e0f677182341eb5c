import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../db/open'
import { searchArchive } from './search'
import { importedTree } from '../test-support/imported'
import { CHIPS_EN, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'
import { trashArticles } from '../db/trash'
import { setRead } from '../db/reading'
import { resolveSelection } from '../api/organise'
import { selectArticles } from '../export/select'
import { addItems, collectionId, createCollection } from '../db/collections'

const doc = (title: string, date: string, body: string, src = '') =>
  `---\ntitle: "${title}"\ndate: "${date}"\ntags: [经济]\n---\n\n${body}\n\n${src}\n`

// three versions of one story (a reprint, a Traditional one, a retitled one) and one other story
const FILES = {
  '1.md': doc('央行降息', '2025-03-01 09:00:00', RATE_CUT_ZH, '[新华](https://xinhua.net/1)'),
  '2.md': doc('央行再降息', '2025-03-01 12:00:00', RATE_CUT_ZH, '[新浪](https://sina.com.cn/2)'),
  '3.md': doc('央行宣布降息', '2025-03-02 08:00:00', RATE_CUT_ZH_TW, '[联合报](https://udn.com/3)'),
  '4.md': doc('降息之外：芯片', '2025-03-03 08:00:00', `央行降息。${CHIPS_EN}`),
}

let db: Archive
let id: (file: string) => number
let close: () => void
beforeAll(async () => {
  ;({ db, id, close } = await importedTree(FILES))
})
afterAll(() => close())

const titles = (r: { hits: { title: string }[] }) => r.hits.map((h) => h.title)

describe('search: story clusters', () => {
  it('gives each hit its story and how many versions it has', () => {
    const r = searchArchive(db, { query: '降息', sort: 'oldest' })
    expect(r.total).toBe(4)
    expect(r.hits.map((h) => [h.title, h.versions, h.cluster])).toEqual([
      ['央行降息', 3, id('1.md')],
      ['央行再降息', 3, id('1.md')],
      ['央行宣布降息', 3, id('1.md')],
      ['降息之外：芯片', 1, id('4.md')],
    ])
  })

  it('grouped, shows one hit per story and counts stories, while facets count articles', () => {
    const r = searchArchive(db, { query: '降息', sort: 'newest', group: true })
    // the newest version stands for its story
    expect(titles(r)).toEqual(['降息之外：芯片', '央行宣布降息'])
    expect(r.total).toBe(2)
    expect(r.facets?.tags).toEqual([{ name: '经济', count: 4 }])
  })

  it('grouped by relevance, the best-ranked version stands for its story', () => {
    const r = searchArchive(db, { query: '再降息 OR 芯片', group: true })
    expect(titles(r).sort()).toEqual(['央行再降息', '降息之外：芯片'])
    expect(r.total).toBe(2)
  })

  it('grouped, pages through stories', () => {
    const r = searchArchive(db, { query: '降息', sort: 'oldest', group: true, limit: 1, offset: 1 })
    expect(titles(r)).toEqual(['降息之外：芯片'])
    expect(r.total).toBe(2)
  })

  it('groups a list with no words (the whole archive, or filters only)', () => {
    for (const query of ['', 'tag:经济']) {
      const r = searchArchive(db, { query, sort: 'oldest', group: true })
      expect(titles(r)).toEqual(['央行降息', '降息之外：芯片'])
      expect(r.total).toBe(2)
    }
  })

  it("groups under the reader's own filters: what is filtered out does not stand for a story", () => {
    setRead(db, 'ana', [id('1.md')], true, '2025-04-01T00:00:00Z')
    const unread = searchArchive(
      db,
      { query: '降息 is:unread', sort: 'oldest', group: true },
      {
        owner: 'ana',
      },
    )
    expect(titles(unread)).toEqual(['央行再降息', '降息之外：芯片'])
    // another reader's status is not ana's
    const bo = searchArchive(
      db,
      { query: '降息 is:unread', sort: 'oldest', group: true },
      {
        owner: 'bo',
      },
    )
    expect(titles(bo)).toEqual(['央行降息', '降息之外：芯片'])
    createCollection(db, 'ana', 'rates', '2025-04-01T00:00:00Z')
    addItems(
      db,
      collectionId(db, 'ana', 'rates')!,
      [id('3.md'), id('2.md'), id('4.md')],
      '2025-04-01T00:00:00Z',
    )
    const inIt = searchArchive(
      db,
      { query: '央行 collection:rates', group: true },
      { owner: 'ana' },
    )
    expect(inIt.hits.map((h) => h.cluster)).toEqual(
      expect.arrayContaining([id('1.md'), id('4.md')]),
    )
    expect(inIt.total).toBe(2)
    // a collection shown in its own order keeps every item a row, in the reader's order
    const own = searchArchive(db, { query: 'collection:rates', group: true }, { owner: 'ana' })
    expect(titles(own)).toEqual(['央行宣布降息', '央行再降息', '降息之外：芯片'])
  })

  it('a whole grouped list picked is its rows, not the versions behind them', () => {
    const pick = (sort: 'oldest' | 'newest', except: number[] = []) =>
      resolveSelection(db, 'cy', { query: '降息', except, group: true, sort }).sort((a, b) => a - b)
    expect(pick('oldest')).toEqual([id('1.md'), id('4.md')])
    expect(pick('newest')).toEqual([id('3.md'), id('4.md')])
    expect(pick('newest', [id('4.md')])).toEqual([id('3.md')])
    // ungrouped, every version
    expect(resolveSelection(db, 'cy', { query: '降息', except: [] })).toHaveLength(4)
    // an export of the grouped list writes its rows, in its order
    expect(selectArticles(db, { query: '降息', sort: 'oldest', group: true })).toEqual([
      id('1.md'),
      id('4.md'),
    ])
  })

  it('does not count trashed versions', () => {
    trashArticles(db, [id('2.md')], new Date().toISOString())
    const r = searchArchive(db, { query: '央行宣布降息' })
    expect(r.hits[0]?.versions).toBe(2)
  })
})
