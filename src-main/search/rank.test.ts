import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { parseQuery } from '../shared/query'
import { toFtsMatch } from './fts'
import { forgetSearches } from './result-cache'
import { searchArchive } from './search'
import { rankOf, rankSql } from './rank'
import { rankExtensionFile } from '../api/open-service'

// lectern_rank() (native/lectern_rank.c) must order every search's hits as FTS5's bm25() with
// the same weights does: it only skips bm25's count of a one-phrase query's hits.

const built = rankExtensionFile()
const N = 240
let tree: ReturnType<typeof tempTree>
let db: Archive

/** Article i: 市场, 经济 and English words a varying number of times, in bodies of varying length,
 * some in the title, so that ranks differ and ties are few. */
function nth(i: number): string {
  const zh = '市场'.repeat((i % 7) + 1) + (i % 3 ? '经济发展' : '') + '的'.repeat(i % 5)
  const en = i % 4 === 0 ? ' market rates'.repeat((i % 6) + 1) : ' interest rates rose'
  const filler = '今天天气很好。'.repeat((i * 7) % 23)
  const title = i % 9 === 0 ? `市场 market ${i}` : i % 10 === 0 ? `经济 ${i}` : `第${i}篇`
  return article(title, `${filler}${zh}${en} 编号${i}\n\n另一段 ${i % 2 ? '银行' : '科技'}`)
}

beforeAll(async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < N; i++) files[`news/${i}.md`] = nth(i)
  tree = tempTree(files)
  db = openArchive(tree.path('archive.db'), { create: true })
  await importFolders(db, [tree.path('news')])
}, 60_000)

afterAll(() => {
  db.close()
  tree.cleanup()
})

const QUERIES = [
  '市场',
  '经济',
  '的',
  'market',
  'rates',
  '"interest rates"',
  'rat*',
  '市场 经济',
  '市场 OR market',
  'title:市场',
  '經濟 银行',
  '市场 -科技',
  '市场 经济 -银行',
  '市场 OR market -科技',
  '"interest rates" -market',
]

/** The ids `query` finds, best first, ranked by `rank` (an SQL expression, or one made for the
 * query's match as the search makes it). */
function ranked(rank: string | ((match: string) => string), query: string): number[] {
  const { match } = toFtsMatch(parseQuery(query))
  return db
    .prepare(
      `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
        ORDER BY ${typeof rank === 'string' ? rank : rank(match!)}, rowid DESC`,
    )
    .pluck()
    .all(match) as number[]
}

describe('the ranking extension', () => {
  it('is built by the install wherever CI runs', () => {
    if (!process.env.CI) return
    expect(built, 'bin/build-rank.js should have built native/build/lectern_rank.*').not.toBeNull()
  })

  it.skipIf(!built)('orders every kind of query exactly as bm25() does', () => {
    const rank = rankSql(db, built)
    expect(rank).toMatch(/^lectern_rank\(/)
    for (const q of QUERIES) {
      const theirs = ranked('bm25(articles_fts, 10.0, 1.0)', q)
      expect(theirs.length, q).toBeGreaterThan(0)
      expect(ranked(rank, q), q).toEqual(theirs)
      // and as the search ranks it: told which phrases a hit can have when words are left out
      expect(
        ranked((m) => rankOf(db, m), q),
        q,
      ).toEqual(theirs)
    }
    expect(rankOf(db, toFtsMatch(parseQuery('市场 经济 -银行')).match!)).toMatch(/, 2\)$/)
    // (and the order is not the rowid's: there was something to rank)
    const mine = ranked(rank, '市场')
    expect(mine).not.toEqual([...mine].sort((a, b) => b - a))
  })

  it('falls back to bm25() when the extension is missing or will not load', () => {
    const other = openArchive(db.name)
    try {
      expect(rankSql(other, tree.path('nowhere.so'))).toBe('bm25(articles_fts, 10.0, 1.0)')
      // and stays with it for that connection
      expect(rankSql(other)).toBe('bm25(articles_fts, 10.0, 1.0)')
      for (const query of ['市场', 'market', '市场 经济']) {
        forgetSearches(db)
        forgetSearches(other)
        const req = { query, limit: 50 }
        expect(searchArchive(other, req)).toEqual(searchArchive(db, req))
      }
    } finally {
      other.close()
    }
  })

  it('ranks a query with words left out as the same query without them, those rows removed', () => {
    // `市场 -科技` is one FTS5 query, `"市 场" NOT "科 技"`: the same rows and the same order as
    // 市场's list without the articles that say 科技 (bm25 adds nothing for words not in a row)
    const without = new Set(ranked('bm25(articles_fts, 10.0, 1.0)', '科技'))
    expect(without.size).toBeGreaterThan(0)
    for (const rank of ['bm25(articles_fts, 10.0, 1.0)', ...(built ? [rankSql(db, built)] : [])]) {
      const all = ranked(rank, '市场')
      const left = ranked(rank, '市场 -科技')
      expect(left.length).toBeLessThan(all.length)
      expect(left).toEqual(all.filter((id) => !without.has(id)))
    }
  })
})
