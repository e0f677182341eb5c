import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempTree } from '../test-support/tmp'
import { runLectern } from '../test-support/cli'

// The CLI as a client of the service: bad command lines exit 2 with one sentence, refusals come
// from the contract's own checks, and a search for more hits than one page of the contract
// holds is paged through it.

const ARTICLES = 1205
let tree: ReturnType<typeof tempTree>
let db = ''

// In-process, through the CLI's own entry (test-support/cli.ts): a process each costs seconds.
const lectern = (args: readonly string[]) => runLectern(...args)

beforeAll(async () => {
  const files: Record<string, string> = {}
  for (let i = 0; i < ARTICLES; i++) {
    const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
    const extra = i % 2 ? '财报公布。' : '没有别的。'
    files[`news/${i}.md`] =
      `---\ntitle: 第${i}篇\ndate: ${day}\n---\n\n阿里巴巴的消息${i}。${extra}\n`
  }
  tree = tempTree(files)
  db = tree.path('archive.db')
  const r = await lectern(['import', tree.path('news'), '--db', db, '--json'])
  expect(r.code, r.err).toBe(0)
}, 60_000)
afterAll(() => tree?.cleanup())

const search = async (...args: string[]) => {
  const r = await lectern(['search', ...args, '--db', db, '--json'])
  expect(r.code, r.err).toBe(0)
  return JSON.parse(r.out) as { total: number; hits: { id: number; date: string }[] }
}

describe('lectern through the service', () => {
  it('pages through the contract for any --limit', async () => {
    const all = await search('阿里', '--limit', '5000', '--sort', 'oldest')
    expect(all.total).toBe(ARTICLES)
    expect(all.hits).toHaveLength(ARTICLES)
    expect(new Set(all.hits.map((h) => h.id)).size).toBe(ARTICLES)
    const dates = all.hits.map((h) => h.date)
    expect(dates).toEqual([...dates].sort())

    const middle = await search('阿里', '--limit', '1001', '--offset', '100', '--sort', 'oldest')
    expect(middle.hits.map((h) => h.id)).toEqual(all.hits.slice(100, 1101).map((h) => h.id))
    const tail = await search('阿里', '--limit', '50', '--offset', '1200', '--sort', 'oldest')
    expect(tail.hits.map((h) => h.id)).toEqual(all.hits.slice(1200).map((h) => h.id))
    expect((await search('阿里')).hits).toHaveLength(20)
  }, 60_000)

  it('passes a leading minus to the query language as "without"', async () => {
    const without = await search('阿里', '-财报', '--limit', '2000')
    expect(without.total).toBe(Math.ceil(ARTICLES / 2))
  }, 30_000)

  it('answers a bad command line with one sentence and exit code 2', async () => {
    for (const [args, message] of [
      [['search', 'x', '--limit', '0'], /^lectern: --limit must be a whole number of 1 or more/],
      [['search', 'x', '--limit', 'abc'], /^lectern: --limit must be a whole number/],
      [
        ['search', 'x', '--sort', 'sideways'],
        /^lectern: --sort must be relevance, newest or oldest/,
      ],
      [['search', 'x', '--limit'], /^lectern: --limit needs a value/],
      [['search', 'x', '--frobnicate'], /^lectern: lectern search has no option --frobnicate/],
      [['show', 'abc'], /^lectern: lectern show needs one article id/],
      [['stats', 'extra'], /^lectern: lectern stats takes no arguments/],
      [['images'], /lectern images fetch/],
      [['frobnicate'], /^lectern: Unknown command "frobnicate"/],
      // checked by the contract itself, as for the app
      [['search', 'x', '--offset', '20000000'], /^lectern: search\.offset must be a whole number/],
    ] as const) {
      const r = await lectern([...args, '--db', db])
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toMatch(message)
      expect(r.err.trimEnd().split('\n'), args.join(' ')).toHaveLength(1)
      expect(r.out).toBe('')
    }
  }, 60_000)

  it('prints the usage for --help after any command', async () => {
    const r = await lectern(['search', 'x', '--help'])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/search <query>.*\n.*--limit N/)
  })

  it('reports what the service says, exit code 1', async () => {
    const none = await lectern(['show', '999999', '--db', db])
    expect(none).toMatchObject({ code: 1, err: 'lectern: No article with id 999999\n' })
    const folder = await lectern(['import', tree.path('nowhere'), '--db', db])
    expect(folder.code).toBe(1)
    expect(folder.err).toBe(`lectern: No such folder: ${tree.path('nowhere')}\n`)
    const file = await lectern(['import', tree.path('news/1.md'), '--db', db])
    expect(file.err).toBe(`lectern: Not a folder: ${tree.path('news/1.md')}\n`)
    const missing = await lectern(['stats', '--db', tree.path('none.db')])
    expect(missing).toMatchObject({
      code: 1,
      err: `lectern: No archive at ${tree.path('none.db')}\n`,
    })
  }, 30_000)
})
