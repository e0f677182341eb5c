import { afterEach, describe, expect, it } from 'vitest'
import { rankExtensionFile } from '../api/open-service'
import { generateArticle } from '../../bench/generate'
import { importFolders } from '../import/importer'
import { searchArchive } from '../search/search'
import { plainText } from '../text/plain'
import { COMMON_PAIRS } from '../text/common-pairs'
import { tempTree } from '../test-support/tmp'
import { ftsIndexOf } from '../test-support/fts-index'
import { hasExtension, useExtension } from './extension'
import { pairsInIndex, writesPairs } from './common-pairs'
import { openArchive, type Archive } from './open'
import { indexText, rebuildSearchIndex } from './search-index'

// The index's common pairs (native/lectern_tokens.c, "Common pairs"): where two one-character
// tokens of a listed pair are adjacent, the pair is a token too, at the second one's position, its
// bytes the other way round; a search looks a pair up only when the archive says every row has
// them.

const built = rankExtensionFile()
const PAIRS = new Set(COMMON_PAIRS)

/** The index FTS5 makes of `docs` (term, row, column, position), with the pairs or without. */
const indexOf = (docs: (string | Buffer)[], pairs: boolean) =>
  ftsIndexOf(docs, pairs ? { extension: built, pairs: COMMON_PAIRS.join('') } : {})

/** FTS5's own index with, after every two adjacent one-character tokens of a listed pair, the
 * pair's token: what the index with the pairs must be. */
function withPairs(rows: string[]): string[] {
  const at = new Map<string, string>()
  for (const r of rows) {
    const [term, doc, col, offset] = r.split(' ')
    at.set(`${doc} ${col} ${offset}`, term!)
  }
  const out = [...rows]
  for (const [where, term] of at) {
    const [doc, col, offset] = where.split(' ')
    const next = at.get(`${doc} ${col} ${Number(offset) + 1}`)
    if (next !== undefined && [...term].length === 1 && PAIRS.has(term + next))
      out.push(`${next}${term} ${doc} ${col} ${Number(offset) + 1}`)
  }
  return out.sort()
}

describe.skipIf(!built)('the common pairs in the index', () => {
  it('are a token after each adjacent listed pair, and the rest is FTS5’s own index', () => {
    const docs = [
      // every pair, one after the other: the pairs they make across each other count too
      COMMON_PAIRS.map((p) => [...p].join(' ')).join(' '),
      // as Lectern writes its index text
      indexText('市场观察', plainText('# 中国市场\n\n公司表示，数据显示：增长。市场 market 市场'))
        .body,
      ...[0, 1, 2, 3].map((i) => indexText('', plainText(generateArticle(i).text)).body),
      // adjacent tokens whatever is between them, and not when a token is
      '市 场',
      '市    场',
      '市 ， 场',
      '市 \uf8fd 场',
      '市 x 场',
      '市场 市场',
      'x市 场',
      '市\u00ad 场',
      '場 市',
      Buffer.from([0xe5, 0xb8, 0x82, 0x20, 0xe5, 0x9c]),
    ]
    const without = indexOf(docs, false)
    const expected = withPairs(without)
    expect(expected.length - without.length).toBeGreaterThan(COMMON_PAIRS.length)
    const got = indexOf(docs, true)
    const missing = expected.filter((r) => !got.includes(r))
    const extra = got.filter((r) => !expected.includes(r))
    expect({ missing, extra }).toEqual({ missing: [], extra: [] })
  })

  it('are each two ideographs, listed once (what the tokenizer and queries count on)', () => {
    expect(COMMON_PAIRS.length).toBe(PAIRS.size)
    for (const p of COMMON_PAIRS) expect(p).toMatch(/^[\u4e00-\u9fff]{2}$/)
  })
})

describe.skipIf(!built)('an archive’s common pairs', () => {
  const trees: ReturnType<typeof tempTree>[] = []
  afterEach(() => {
    useExtension(null)
    for (const t of trees.splice(0)) t.cleanup()
  })

  /** A folder of generated articles (80% Chinese) and an archive file beside it. */
  function folder(n: number) {
    const files: Record<string, string> = {}
    for (let i = 0; i < n; i++) {
      const a = generateArticle(i, 7)
      files[`news/${a.rel}`] = a.text
    }
    const tree = tempTree(files)
    trees.push(tree)
    return tree
  }

  const open = (file: string, extension: boolean): Archive => {
    useExtension(extension ? built : null)
    return openArchive(file, { create: true })
  }

  const QUERIES = [
    '市场',
    '公司',
    '数据 增长',
    '中国经济',
    '市场 market',
    'title:市场',
    '市场 -公司',
    '"市场 数据"',
    '市场*',
    '發展',
  ]
  const results = (db: Archive) =>
    QUERIES.flatMap((query) =>
      (['relevance', 'newest'] as const).map((sort) => {
        const r = searchArchive(db, { query, limit: 30, sort })
        return { query, sort, total: r.total, ids: r.hits.map((h) => h.id) }
      }),
    )

  it('are written from the start and found with the same hits in the same order', async () => {
    const tree = folder(240)
    const db = open(tree.path('a.db'), true)
    expect(writesPairs(db)).toBe(true)
    expect(pairsInIndex(db)).toBe(true)
    await importFolders(db, [tree.path('news')])
    const byPairs = results(db)
    expect(byPairs.filter((r) => r.total > 30)).not.toHaveLength(0)
    db.prepare(`DELETE FROM index_pairs`).run()
    expect(pairsInIndex(db)).toBe(false)
    expect(results(db)).toEqual(byPairs) // by phrases, as before the pairs
    db.close()
  }, 60_000)

  it('are not looked up once a connection without them has written, until a rebuild', async () => {
    const tree = folder(60)
    let db = open(tree.path('a.db'), true)
    await importFolders(db, [tree.path('news')])
    const before = results(db)
    db.close()

    // opened where the extension is not built: its rows would have no pairs
    db = open(tree.path('a.db'), false)
    expect(pairsInIndex(db)).toBe(false)
    tree.write('more/x.md', '---\ntitle: "新的市场"\n---\n\n公司的市场数据。\n')
    await importFolders(db, [tree.path('more')])
    db.close()

    db = open(tree.path('a.db'), true)
    expect(pairsInIndex(db)).toBe(false)
    const found = (q: string) => searchArchive(db, { query: q, limit: 200 }).total
    const phrases = QUERIES.map(found)
    expect(phrases[0]).toBe(before[0]!.total + 1)
    db.transaction(() => rebuildSearchIndex(db))()
    expect(pairsInIndex(db)).toBe(true)
    expect(QUERIES.map(found)).toEqual(phrases)
    db.close()
  }, 60_000)

  it('are not written by a connection that loaded the extension after it was opened', () => {
    const tree = folder(0)
    const db = open(tree.path('a.db'), false)
    expect(hasExtension(db, built)).toBe(true)
    expect(writesPairs(db)).toBe(false)
    expect(pairsInIndex(db)).toBe(false)
    db.close()
  })
})
