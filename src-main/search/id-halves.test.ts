import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../db/open'
import { importedTree, type ImportedTree } from '../test-support/imported'
import { article } from '../test-support/tmp'
import { lastArticleId, searchIds } from './search'
import { halvesRead, readLowerIfLeft, readPart, readUpperFirst } from './id-halves'

// Two threads read one search's ids in two parts, each part by whichever comes first: however
// they meet, every id is read once and the parts join into the whole list, ascending.

let tree: ImportedTree
let db: Archive
const N = 90
const MATCH = '"市 场"'
const whole = () => searchIds(db, '市场')
const lastId = () => lastArticleId(db)

beforeAll(async () => {
  const files: Record<string, string> = {}
  // every third article says 市场; the others have 市 and 场 apart (candidates that are no hit)
  for (let i = 0; i < N; i++) {
    files[`news/${i}.md`] = article(`第${i}篇`, i % 3 ? `市里的广场 ${i}` : `今天的市场 ${i}`)
  }
  tree = await importedTree(files)
  db = tree.db
}, 60_000)

afterAll(() => tree.close())

describe('a search’s ids read in two parts', () => {
  it('joins the two threads’ parts into the whole list when each takes one', () => {
    // the worker takes the upper part, then this thread the lower one
    const read = halvesRead(MATCH, lastId(), 0.4)
    const theirs = readPart(db, read, 'upper')!
    const mine = readLowerIfLeft(db, read)!
    // (and the worker, going on to the lower part, finds it taken)
    expect(readPart(db, read, 'lower')).toBeNull()
    expect([...mine, ...theirs]).toEqual(whole())
    expect(mine.length).toBeGreaterThan(0)
    expect(theirs.length).toBeGreaterThan(0)
    expect(Math.max(...mine)).toBeLessThan(Math.min(...theirs))
  })

  it('leaves this thread nothing when the worker took both parts first', () => {
    const read = halvesRead(MATCH, lastId(), 0.4)
    expect(Array.from(readUpperFirst(db, read))).toEqual(whole())
    expect(readLowerIfLeft(db, read)).toBeNull()
  })

  it('reads the whole list on this thread when the worker never comes', () => {
    const read = halvesRead(MATCH, lastId(), 0.5)
    expect(Array.from(readLowerIfLeft(db, read)!)).toEqual(whole())
    // and the worker, coming late, reads nothing
    expect(readUpperFirst(db, read)).toHaveLength(0)
  })

  it('finds ids beyond the largest id it was told of (an article imported meanwhile)', () => {
    const read = halvesRead(MATCH, 10, 0.5)
    expect(Array.from(readLowerIfLeft(db, read)!)).toEqual(whole())
  })
})
