import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempTree } from '../test-support/tmp'
import { cliOn } from '../test-support/cli'

// `lectern collections|saved|read` as the issue spells them: JSON shapes, human lines, and
// unknown names as one sentence with exit 2.

let tree: ReturnType<typeof tempTree>
let db = ''
let ids: Record<string, number> = {}

const { lectern, json } = cliOn(() => db)

const md = (title: string, body: string, date: string) =>
  `---\ntitle: ${title}\ndate: ${date}\n---\n\n${body}\n`

beforeAll(async () => {
  tree = tempTree({
    'news/a.md': md('台风登陆', '台风“竹节草”登陆浙江。', '2026-07-30'),
    'news/b.md': md('上海停课', '受台风影响停课。', '2026-07-31'),
    'news/c.md': md('股市收盘', '沪指小幅上涨。', '2026-08-01'),
  })
  db = tree.path('archive.db')
  const report = (await json('import', tree.path('news'))) as {
    files: { path: string; id: number }[]
  }
  ids = Object.fromEntries(report.files.map((f) => [f.path, f.id]))
}, 60_000)
afterAll(() => tree?.cleanup())

describe('lectern collections', () => {
  it('creates, fills, lists, renames and deletes', async () => {
    expect((await lectern('collections', 'create', '台风 2026')).out).toBe(
      'Created the collection "台风 2026".\n',
    )
    const add = await lectern(
      'collections',
      'add',
      '台风 2026',
      String(ids['b.md']),
      String(ids['a.md']),
    )
    expect(add.out).toBe('Added 2 articles to "台风 2026".\n')
    expect(await json('collections', 'list')).toEqual([{ name: '台风 2026', count: 2, unread: 2 }])
    const found = (await json('search', 'collection:"台风 2026"')) as { hits: { id: number }[] }
    expect(found.hits.map((h) => h.id)).toEqual([ids['b.md'], ids['a.md']])

    expect((await lectern('read', String(ids['a.md']))).out).toBe('Marked 1 article read.\n')
    expect((await lectern('collections', 'list')).out).toBe('台风 2026  2 articles, 1 unread\n')
    const unread = (await json('search', 'collection:"台风 2026"', 'is:unread')) as {
      total: number
    }
    expect(unread.total).toBe(1)
    expect(await json('read', String(ids['a.md']), '--unread')).toEqual({ changed: 1 })

    await json('collections', 'remove', '台风 2026', String(ids['a.md']))
    await json('collections', 'rename', '台风 2026', '台风')
    expect(await json('collections', 'list')).toEqual([{ name: '台风', count: 1, unread: 1 }])
    expect((await lectern('collections', 'delete', '台风')).out).toMatch(
      /Deleted the collection "台风"/,
    )
    expect(await json('collections', 'list')).toEqual([])
  }, 60_000)

  it('says clearly, with exit 2, when a name or an id is wrong', async () => {
    const cases: [string[], RegExp][] = [
      [['collections', 'add', '没有', '1'], /^lectern: No collection named "没有"\.\n$/],
      [['collections', 'delete', '没有'], /No collection named "没有"/],
      [['collections', 'add', '没有', 'x1'], /"x1" is not an article id/],
      [['collections', 'frob'], /Unknown action "frob"/],
      [['collections', 'rename', 'a'], /Usage: lectern collections rename OLD NEW/],
      [['saved', 'open', '没有'], /No saved search named "没有"/],
      [['saved', 'create', 'x', 'y', '--sort', 'sideways'], /--sort must be/],
      [['read'], /needs at least one article id/],
      [['read', '1', '--frob'], /has no option --frob/],
    ]
    for (const [args, message] of cases) {
      const r = await lectern(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toMatch(message)
      expect(r.err).not.toMatch(/\n\s+at /)
    }
    await json('collections', 'create', 'x')
    const twice = await lectern('collections', 'create', 'x')
    expect([twice.code, twice.err]).toEqual([
      2,
      'lectern: There is already a collection named "x".\n',
    ])
    const missing = await lectern('read', '424242')
    expect([missing.code, missing.err]).toEqual([1, 'lectern: No article with id 424242\n'])
  }, 60_000)
})

describe('lectern saved', () => {
  it('lists counts and what is new, and open marks it seen', async () => {
    const made = await json('saved', 'create', '台风追踪', '台风', '-股市', '--sort', 'oldest')
    expect(made).toMatchObject({ name: '台风追踪', query: '台风 -股市', sort: 'oldest', count: 2 })
    tree.write('news/d.md', md('台风过后', '台风离开，交通恢复。', '2026-08-02'))
    await json('import', tree.path('news'))
    const list = (await json('saved', 'list')) as Record<string, unknown>[]
    expect(list).toEqual([
      {
        name: '台风追踪',
        query: '台风 -股市',
        sort: 'oldest',
        count: 3,
        new: 1,
        unread: 3,
        lastOpened: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ])
    expect((await lectern('saved', 'list')).out).toBe(
      '台风追踪  3 articles (+1 new), 3 unread  · 台风 -股市\n',
    )
    // as `search --group` lists them: three stories of one version each
    expect((await lectern('saved', 'list', '--group')).out).toBe(
      '台风追踪  3 stories (+1 new), 3 unread  · 台风 -股市\n',
    )
    const opened = (await json('saved', 'open', '台风追踪')) as {
      total: number
      hits: { title: string }[]
    }
    expect(opened.total).toBe(3)
    expect(opened.hits.map((h) => h.title)).toEqual(['台风登陆', '上海停课', '台风过后'])
    expect(await json('saved', 'list')).toMatchObject([{ count: 3, new: 0 }])
    await json('saved', 'delete', '台风追踪')
    expect(await json('saved', 'list')).toEqual([])
  }, 60_000)
})
