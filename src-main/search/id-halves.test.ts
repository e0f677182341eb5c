import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { readIds } from '../db/id-list'
import { article, tempTree } from '../test-support/tmp'
import { halvesRead, readLowerIfLeft, readPart, readUpperFirst } from './id-halves'

// Two threads read one search's ids in two parts, each part by whichever comes first: however
// they meet, every id is read once and the parts join into the whole list, ascending.

let tree: ReturnType<typeof tempTree>
let db: Archive
const N = 90
const MATCH = '"市 场"'
const whole = () =>
  Array.from(
    readIds(db, 'SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?', [MATCH]),
  )
const lastId = () => db.prepare('SELECT max(id) FROM articles').pluck().get() as number

beforeAll(async () => {
  const files: Record<string, string> = {}
  // every third article says 市场; the others have 市 and 场 apart (candidates that are no hit)
  for (let i = 0; i < N; i++) {
    files[`news/${i}.md`] = article(`第${i}篇`, i % 3 ? `市里的广场 ${i}` : `今天的市场 ${i}`)
  }
  tree = tempTree(files)
  db = openArchive(tree.path('archive.db'), { create: true })
  await importFolders(db, [tree.path('news')])
}, 60_000)

afterAll(() => {
  db.close()
  tree.cleanup()
})

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
