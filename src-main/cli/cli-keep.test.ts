import { afterEach, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { article, tempTree } from '../test-support/tmp'

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

const ARGS = ['--import', 'tsx', join(root, 'src-main/cli/index.ts')]

/** Runs the CLI from its sources, as a user would run `lectern …`. */
function lectern(...args: string[]) {
  const r = spawnSync(process.execPath, [...ARGS, ...args], { encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
const json = (...args: string[]) => {
  const r = lectern(...args, '--json')
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`)
  return JSON.parse(r.out)
}

function archive() {
  tree = tempTree({
    'news/a.md': article('降息消息', '央行宣布降息'),
    'news/b.md': article('新華社 报道', '芯片出口', 'categories: [新華社]\n'),
    'news/c.md': article('Rates fall', 'The bank cut rates.', 'lang: en\ncategories: [Xinhua]\n'),
  })
  const db = tree.path('archive.db')
  const report = json('import', tree.path('news'), '--db', db)
  const id = (p: string) => report.files.find((f: { path: string }) => f.path === p).id as number
  return { db, a: id('a.md'), b: id('b.md'), c: id('c.md') }
}

describe('lectern keeping commands', () => {
  it('edits, shows what was edited, resets, and keeps edits over a re-import', () => {
    const { db, a } = archive()
    const edited = json('edit', String(a), '--title', '改过的标题', '--add-tag', '要闻', '--db', db)
    expect(edited).toMatchObject({ title: '改过的标题', edited: ['tags', 'title'] })
    expect(json('show', String(a), '--db', db)).toMatchObject({
      edited: ['tags', 'title'],
      trashed: false,
      sourceMissing: false,
      revisions: 0,
    })
    expect(json('search', 'title:改过', '--db', db).hits[0].id).toBe(a)
    const again = json('import', tree.path('news'), '--db', db)
    expect(again.editedFieldsKept).toBe(2)
    const reset = json('edit', String(a), '--reset', 'title', '--db', db)
    expect(reset).toMatchObject({ title: '降息消息', edited: ['tags'] })
    const bad = lectern('edit', String(a), '--reset', 'colour', '--db', db)
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--reset must name a field .*not "colour"\./)
    expect(lectern('edit', String(a), '--db', db).code).toBe(2)
  })

  it('merges three labels, renames one, tags and trashes a whole search, and restores', () => {
    const { db, a, b, c } = archive()
    lectern('import', tree.path('news'), '--db', db)
    writeFileSync(tree.path('news/d.md'), article('新华社', '正文', 'categories: [新华社]\n'))
    json('import', tree.path('news'), '--db', db)
    const merged = lectern(
      'labels',
      'merge',
      '新华社',
      '新華社',
      'Xinhua',
      '--into',
      '新华社',
      '--kind',
      'category',
      '--db',
      db,
    )
    expect(merged.code).toBe(0)
    expect(json('search', 'category:新华社', '--db', db).total).toBe(3)
    expect(lectern('labels', 'rename', 'test', 'Test', '--db', db).code).toBe(0)
    expect(json('tags', '--db', db)).toContainEqual({ name: 'Test', count: 4 })

    const tagged = json('tag', '--query', '降息 OR rates', '--add', '经济', '--db', db)
    expect(tagged).toMatchObject({ changed: 2, articles: 2 })
    expect(
      json('search', 'tag:经济', '--db', db)
        .hits.map((h: { id: number }) => h.id)
        .sort(),
    ).toEqual([a, c].sort())

    expect(json('trash', '--ids', `${a},${b}`, '--db', db)).toMatchObject({ changed: 2 })
    expect(json('search', 'tag:经济', '--db', db).total).toBe(1)
    expect(json('show', String(a), '--db', db).trashed).toBe(true)
    expect(json('import', tree.path('news'), '--db', db).files).toContainEqual(
      expect.objectContaining({ path: 'a.md', status: 'skipped' }),
    )
    expect(lectern('trash', 'restore', String(a), '--db', db).code).toBe(0)
    expect(json('trash', 'empty', '--db', db)).toEqual({ articles: 1, pictures: 0 })
    expect(json('search', '芯片', '--db', db).total).toBe(0)

    const both = lectern('trash', '--ids', '1', '--query', 'x', '--db', db)
    expect(both.code).toBe(2)
    expect(both.err).toMatch(/needs either --ids 1,2 or --query Q\./)
    expect(lectern('trash', '--ids', '1,x', '--db', db).code).toBe(2)
  })

  it('lists revisions, backs up with a verified copy, and checks', () => {
    const { db, a } = archive()
    writeFileSync(tree.path('news/a.md'), article('降息消息（更新）', '央行宣布再次降息'))
    json('import', tree.path('news'), '--db', db)
    const revs = json('revisions', String(a), '--db', db)
    expect(revs.map((r: { title: string }) => r.title)).toEqual(['降息消息', '降息消息（更新）'])
    expect(Object.keys(revs[0]).sort()).toEqual(['date', 'hash', 'revision', 'title'])
    const copy = tree.path('copy/backup.db')
    expect(json('backup', copy, '--db', db)).toMatchObject({ articles: 3, verified: true })
    expect(existsSync(copy)).toBe(true)
    expect(json('check', '--db', copy)).toMatchObject({ ok: true })
    expect(lectern('backup', '--db', db).code).toBe(2)
  })

  it('watches a folder in the foreground and prints a report per batch', async () => {
    const { db } = archive()
    const child = spawn(process.execPath, [
      ...ARGS,
      'watch',
      tree.path('news'),
      '--db',
      db,
      '--json',
    ])
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    const until = async (ok: () => boolean, what: string) => {
      for (let i = 0; i < 300 && !ok(); i++) await new Promise((r) => setTimeout(r, 100))
      if (!ok()) throw new Error(`timed out waiting for ${what}: ${err}`)
    }
    try {
      // Files are written once the command says it is watching.
      await until(() => err.includes('Watching'), 'the watcher to start')
      writeFileSync(tree.path('news/new.md'), article('新文章', '刚写好的'))
      await until(() => out.includes('\n'), 'a batch')
      const batch = JSON.parse(out.split('\n')[0] as string)
      expect(batch.report).toMatchObject({ imported: 1 })
    } finally {
      child.kill('SIGINT')
    }
    await new Promise((r) => child.once('exit', r))
    expect(json('search', 'title:新文章', '--db', db).total).toBe(1)
  }, 40_000)
})
