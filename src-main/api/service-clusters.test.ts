import { afterEach, describe, expect, it } from 'vitest'
import { utimesSync } from 'node:fs'
import { openArchive } from '../db/open'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { tempTree } from '../test-support/tmp'
import {
  CHIPS_EN,
  FLOOD_ZH,
  HARBOUR_EN,
  RATE_CUT_ZH,
  RATE_CUT_ZH_TW,
} from '../clusters/fixtures/stories'
import type { ArticleVersions, StoryCluster } from '../shared/clusters'

const file = (title: string, date: string, body: string, outlet: string) =>
  `---\ntitle: "${title}"\ndate: "${date}"\n---\n\n${body}\n\n[${outlet}](https://${outlet}.example/a/1.html)\n`
/** A cluster as the tests print it: its article ids in import order. */
const g = (...ids: number[]) => ids.sort((a, b) => a - b).join('+')
const reversed = (s: string) => s.split('\n\n').reverse().join('\n\n')

let tree: ReturnType<typeof tempTree> | undefined
let service: ArchiveService | undefined
afterEach(() => {
  service?.close()
  tree?.cleanup()
  service = tree = undefined
})

async function make() {
  tree = tempTree({
    'news/zh.md': file('央行降息', '2025-03-02 10:00:00', RATE_CUT_ZH, 'qq'),
    'news/tw.md': file('央行降息（台）', '2025-03-01 09:00:00', RATE_CUT_ZH_TW, 'udn'),
    'news/chips.md': file('Chip sales up', '2025-03-03 08:00:00', CHIPS_EN, 'reuters'),
    'news/chips2.md': file('Chipmaker beats', '2025-03-03 09:00:00', reversed(CHIPS_EN), 'ap'),
    'news/harbour.md': file('Harbour wall', '2025-03-04 08:00:00', HARBOUR_EN, 'bbc'),
  })
  service = new ArchiveService({
    db: openArchive(tree.path('archive.db'), { create: true }),
    path: tree.path('archive.db'),
    canImport: true,
  })
  const call = createDispatcher(service)
  const report = await service.importFolders({ folders: [tree.path('news')] })
  const id = Object.fromEntries(
    report.files.map((f) => [f.path.replace(/\.md$/, ''), f.id!]),
  ) as Record<'zh' | 'tw' | 'chips' | 'chips2' | 'harbour', number>
  const ok = async <T>(method: string, args?: unknown): Promise<T> => {
    const r = await call(method, args)
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  const groups = async () =>
    (await ok<{ clusters: StoryCluster[] }>('clusters', { minSize: 1 })).clusters
      .map((c) => c.articles.join('+'))
      .sort()
  const reimport = async (rel: string, text: string) => {
    tree!.write(`news/${rel}`, text)
    utimesSync(tree!.path(`news/${rel}`), new Date(), new Date(Date.now() + 5000))
    await service!.importFolders({ folders: [tree!.path('news')] })
  }
  return { call, ok, id, groups, reimport }
}

describe('story clusters through the contract', () => {
  it('groups an import into stories, the earliest dated version first', async () => {
    const { ok, id } = await make()
    const { clusters } = await ok<{ clusters: StoryCluster[] }>('clusters', {})
    // files are imported in name order: chips, chips2, harbour, tw, zh
    expect(clusters).toEqual([
      { id: id.chips, articles: [id.chips, id.chips2], first: id.chips },
      { id: id.tw, articles: [id.tw, id.zh], first: id.tw },
    ])
    const v = await ok<ArticleVersions>('versions', { articleId: id.zh })
    expect(v.versions).toEqual([
      {
        id: id.tw,
        title: '央行降息（台）',
        date: '2025-03-01T09:00:00',
        sourceName: 'udn',
        first: true,
      },
      { id: id.zh, title: '央行降息', date: '2025-03-02T10:00:00', sourceName: 'qq', first: false },
    ])
    const alone = await ok<ArticleVersions>('versions', { articleId: id.harbour })
    expect(alone.versions.map((x) => x.id)).toEqual([id.harbour])
  })

  it('diffs two versions word by word, blind to the script', async () => {
    const { ok, id } = await make()
    const d = await ok<{ parts: { op: string; text: string }[] }>('diffArticles', {
      from: id.zh,
      to: id.tw,
    })
    // the same story in two scripts: nothing to show but the text itself
    expect(d.parts.map((p) => p.op)).toEqual(['same'])
    expect(d.parts[0]!.text).toContain('央行週五宣布')
    const d2 = await ok<{ parts: { op: string; text: string }[] }>('diffArticles', {
      from: id.chips,
      to: id.harbour,
    })
    expect(d2.parts.some((p) => p.op === 'added' && p.text.includes('harbour'))).toBe(true)
  })

  it('moves an updated article when its text tells another story', async () => {
    const { id, groups, reimport } = await make()
    await reimport('chips2.md', file('Harbour again', '2025-03-04 09:00:00', HARBOUR_EN, 'ap'))
    expect(await groups()).toEqual([g(id.zh, id.tw), g(id.chips), g(id.chips2, id.harbour)].sort())
  })

  it('keeps an article in its story when a re-import changes only its front matter', async () => {
    const { ok, id, groups, reimport } = await make()
    const db = service!.db
    db.exec(`CREATE TEMP TABLE moved (id INTEGER);
      CREATE TEMP TRIGGER story_moved AFTER UPDATE OF cluster_id ON story_members
      BEGIN INSERT INTO moved VALUES (new.article_id); END;`)
    await ok('editArticle', { id: id.zh, set: { title: '我的标题' } })
    await reimport('zh.md', file('央行宣布降息', '2025-03-02 10:00:00', RATE_CUT_ZH, 'qq'))
    expect(await groups()).toContain(g(id.zh, id.tw))
    // nothing around it was placed again
    expect(db.prepare(`SELECT count(*) AS n FROM moved`).get()).toEqual({ n: 0 })
    await reimport('zh.md', file('央行宣布降息', '2025-03-02 10:00:00', FLOOD_ZH, 'qq'))
    expect(await groups()).not.toContain(g(id.zh, id.tw))
  })

  it('leaves trashed articles out of the versions shown', async () => {
    const { ok, id } = await make()
    await ok('trashArticles', { ids: [id.tw] })
    const v = await ok<ArticleVersions>('versions', { articleId: id.zh })
    expect(v.versions.map((x) => [x.id, x.first])).toEqual([[id.zh, true]])
    const a = await ok<{ cluster: number; clusterArticles: number[] }>('article', { id: id.zh })
    expect(a.clusterArticles).toEqual([id.zh])
    // the trashed one, read from the trash, still sees its story
    const t = await ok<{ cluster: number; clusterArticles: number[] }>('article', { id: id.tw })
    expect(t.clusterArticles).toEqual([id.zh, id.tw].sort((x, y) => x - y))
    expect(await ok<{ clusters: StoryCluster[] }>('clusters', {})).toEqual({
      clusters: [
        {
          id: Math.min(id.chips, id.chips2),
          articles: [id.chips, id.chips2].sort((x, y) => x - y),
          first: id.chips,
        },
      ],
    })
  })

  it('keeps "not the same story" and "same story" through re-imports and rebuilds', async () => {
    const { ok, id, groups, reimport } = await make()
    const split = await ok<ArticleVersions>('splitFromCluster', { articleId: id.tw })
    expect(split.versions.map((v) => v.id)).toEqual([id.tw])
    await ok('joinClusters', { articleId: id.chips, otherId: id.harbour })
    const expected = [g(id.zh), g(id.tw), g(id.chips, id.chips2, id.harbour)].sort()
    expect(await groups()).toEqual(expected)

    // the Traditional file is edited (a line added) and imported again
    await reimport(
      'tw.md',
      file('央行降息（台）', '2025-03-01 09:00:00', `${RATE_CUT_ZH_TW}\n\n（完）`, 'udn'),
    )
    expect(await groups()).toEqual(expected)
    expect(await ok('rebuildClusters')).toEqual({ articles: 5, clusters: 3 })
    expect(await groups()).toEqual(expected)

    // and "same story" later undoes "not the same story" for that pair
    await ok('joinClusters', { articleId: id.tw, otherId: id.zh })
    await ok('rebuildClusters')
    expect(await groups()).toEqual([g(id.zh, id.tw), g(id.chips, id.chips2, id.harbour)].sort())
  })

  it('refuses bad requests with a reason, and writes on a read-only archive', async () => {
    const { call, id } = await make()
    expect(await call('joinClusters', { articleId: id.zh, otherId: id.zh })).toMatchObject({
      ok: false,
      error: { code: 'same-article', params: { id: id.zh } },
    })
    expect(await call('versions', { articleId: 9999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found', params: { id: 9999 } },
    })
    expect(await call('clusters', { minSize: 0 })).toMatchObject({
      ok: false,
      error: { code: 'bad-arguments' },
    })
    const ro = createDispatcher(
      new ArchiveService({ db: service!.db, path: tree!.path('archive.db'), canImport: false }),
    )
    for (const [m, args] of [
      ['splitFromCluster', { articleId: id.zh }],
      ['joinClusters', { articleId: id.zh, otherId: id.chips }],
      ['rebuildClusters', undefined],
    ] as const) {
      expect(await ro(m, args)).toMatchObject({
        ok: false,
        error: { code: 'read-only', params: { action: 'change-clusters' } },
      })
    }
    expect((await ro('versions', { articleId: id.zh })).ok).toBe(true)
  })
})
