import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { tempTree } from '../test-support/tmp'
import { CHIPS_EN, RATE_CUT_ZH, RATE_CUT_ZH_TW } from '../clusters/fixtures/stories'

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree>
let db = ''

function lectern(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src-main/cli/index.ts'), ...args, '--db', db],
    { encoding: 'utf8' },
  )
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const json = <T>(...args: string[]): T => {
  const r = lectern([...args, '--json'])
  expect(r.code, r.err).toBe(0)
  return JSON.parse(r.out) as T
}

const doc = (title: string, date: string, body: string) =>
  `---\ntitle: "${title}"\ndate: "${date}"\n---\n\n${body}\n`
const ids: Record<string, number> = {}

beforeAll(() => {
  tree = tempTree({
    'news/a.md': doc('央行降息', '2025-03-02', RATE_CUT_ZH),
    'news/b.md': doc('央行降息（台）', '2025-03-01', RATE_CUT_ZH_TW),
    'news/c.md': doc('降息与芯片', '2025-03-03', `央行降息。${CHIPS_EN}`),
  })
  db = tree.path('archive.db')
  const r = lectern(['import', tree.path('news'), '--json'])
  expect(r.code, r.err).toBe(0)
  for (const f of (JSON.parse(r.out) as { files: { path: string; id: number }[] }).files)
    ids[f.path] = f.id
}, 60_000)
afterAll(() => tree?.cleanup())

type Clusters = { clusters: { id: number; articles: number[]; first: number }[] }

describe('lectern clusters', () => {
  it('lists stories with their versions and first one; search groups them', () => {
    const [a, b, c] = [ids['a.md']!, ids['b.md']!, ids['c.md']!]
    expect(json<Clusters>('clusters')).toEqual({
      clusters: [{ id: Math.min(a, b), articles: [a, b].sort(), first: b }],
    })
    expect(json<Clusters>('clusters', '--min-size', '1').clusters).toHaveLength(2)
    const grouped = json<{ total: number; hits: { id: number; versions: number }[] }>(
      'search',
      '降息',
      '--group',
      '--sort',
      'oldest',
    )
    expect(grouped.total).toBe(2)
    expect(grouped.hits.map((h) => [h.id, h.versions])).toEqual([
      [b, 2],
      [c, 1],
    ])
    const show = json<{ cluster: number; clusterArticles: number[] }>('show', String(a))
    expect(show).toMatchObject({ cluster: Math.min(a, b), clusterArticles: [a, b].sort() })
  }, 60_000)

  it('splits, joins and rebuilds, keeping the choices', () => {
    const [a, b, c] = [ids['a.md']!, ids['b.md']!, ids['c.md']!]
    json('clusters', 'split', String(b))
    expect(json<Clusters>('clusters').clusters).toEqual([])
    json('clusters', 'join', String(a), String(c))
    json('clusters', 'rebuild')
    expect(json<Clusters>('clusters').clusters.map((x) => x.articles)).toEqual([[a, c].sort()])
    expect(lectern(['clusters', 'rebuild']).out).toMatch(/^3 articles in 2 stories/)
  }, 60_000)

  it.each([
    [['clusters', 'split']],
    [['clusters', 'join', '1']],
    [['clusters', 'split', 'x']],
    [['clusters', 'merge', '1', '2']],
    [['clusters', '--min-size', '0']],
    [['clusters', '--size', '2']],
  ])('exits 2 with one sentence on %j', (args) => {
    const r = lectern(args)
    expect(r.code).toBe(2)
    expect(r.err.trim().split('\n')).toHaveLength(1)
  })
})
