import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { importedTree, type ImportedTree } from '../test-support/imported'
import { article } from '../test-support/tmp'
import { facetIndex } from './facet-index'
import { evenCut, halvesRead, readLowerIfLeft, readPart } from './id-halves'
import { hitsCut } from './id-split'
import { lastArticleId, searchIds } from './search'

// A search's ids are read in two parts, one per thread; the cut between them should leave each
// about half of the hits. Archives are imported folder by folder, so the articles a query can
// find are seldom spread evenly over the ids: here 40 English articles come first, then 80
// Chinese ones, and a Chinese word's hits all lie in the upper two thirds of the ids.

let tree: ImportedTree
const EN = 40
const ZH = 80

beforeAll(async () => {
  const files: Record<string, string> = {}
  const pad = (i: number) => String(i).padStart(3, '0')
  for (let i = 0; i < EN; i++) {
    files[`a-en/${pad(i)}.md`] = article(`Story ${i}`, `The market rose ${i}`, 'lang: "en"\n')
  }
  for (let i = 0; i < ZH; i++) {
    files[`b-zh/${pad(i)}.md`] = article(`第${i}篇`, `今天的市场 ${i}`, 'lang: "zh-CN"\n')
  }
  tree = await importedTree(files)
}, 60_000)

afterAll(() => tree.close())

/** How many of a list of ids lie below the cut. */
const below = (ids: ArrayLike<number>, cut: number) =>
  Array.from(ids).filter((id) => id < cut).length

describe('where a search’s ids are cut in two', () => {
  it('leaves each part half of a Chinese word’s hits, not half of the ids', () => {
    const { db } = tree
    const hits = searchIds(db, '市场')
    expect(hits).toHaveLength(ZH)
    const last = lastArticleId(db)
    // cut at half the ids, the lower part would hold only a quarter of the hits
    expect(below(hits, evenCut(last, 0.5))).toBe(ZH / 4)
    const cut = hitsCut(facetIndex(db), '"市 场"')(last, 0.5)
    expect(below(hits, cut)).toBe(ZH / 2)
    // and 40% for the relevance share
    expect(below(hits, hitsCut(facetIndex(db), '"市 场"')(last, 0.4))).toBe(0.4 * ZH)
  })

  it('cuts an English word’s hits among the English articles', () => {
    const { db } = tree
    const hits = searchIds(db, 'market')
    expect(hits).toHaveLength(EN)
    const cut = hitsCut(facetIndex(db), 'market')(lastArticleId(db), 0.5)
    expect(below(hits, cut)).toBe(EN / 2)
  })

  it('still reads every hit once, the parts joined in order', () => {
    const { db } = tree
    const read = halvesRead('"市 场"', lastArticleId(db), 0.5, hitsCut(facetIndex(db), '"市 场"'))
    const upper = readPart(db, read, 'upper')!
    const lower = readLowerIfLeft(db, read)!
    expect([...lower, ...upper]).toEqual([...searchIds(db, '市场')])
    expect(lower.length).toBe(upper.length)
  })

  it('cuts at half the ids before the facet index is built', () => {
    expect(hitsCut(null, '"市 场"')(1000, 0.5)).toBe(evenCut(1000, 0.5))
  })
})
