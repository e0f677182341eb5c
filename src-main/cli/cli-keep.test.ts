import { afterEach, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { article, tempTree } from '../test-support/tmp'
import { LECTERN_PROCESS, runLectern } from '../test-support/cli'
import Database from 'better-sqlite3'
import { rankExtensionFile } from '../api/open-service'

// The keeping commands as scripts use them. Command lines run in-process through the CLI's own
// entry (test-support/cli.ts); `watch`, which waits for Ctrl+C, runs as a process of its own.

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

const lectern = runLectern
const json = async (...args: string[]) => {
  const r = await lectern(...args, '--json')
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.err}`)
  return JSON.parse(r.out)
}

async function archive() {
  tree = tempTree({
    'news/a.md': article('降息消息', '央行宣布降息'),
    'news/b.md': article('新華社 报道', '芯片出口', 'categories: [新華社]\n'),
    'news/c.md': article('Rates fall', 'The bank cut rates.', 'lang: en\ncategories: [Xinhua]\n'),
  })
  const db = tree.path('archive.db')
  const report = await json('import', tree.path('news'), '--db', db)
  const id = (p: string) => report.files.find((f: { path: string }) => f.path === p).id as number
  return { db, a: id('a.md'), b: id('b.md'), c: id('c.md') }
}

describe('lectern keeping commands', () => {
  it('edits, shows what was edited, resets, and keeps edits over a re-import', async () => {
    const { db, a } = await archive()
    const edited = await json(
      'edit',
      String(a),
      '--title',
      '改过的标题',
      '--add-tag',
      '要闻',
      '--db',
      db,
    )
    expect(edited).toMatchObject({ title: '改过的标题', edited: ['tags', 'title'] })
    expect(await json('show', String(a), '--db', db)).toMatchObject({
      edited: ['tags', 'title'],
      trashed: false,
      sourceMissing: false,
      revisions: 0,
    })
    expect((await json('search', 'title:改过', '--db', db)).hits[0].id).toBe(a)
    const again = await json('import', tree.path('news'), '--db', db)
    expect(again.editedFieldsKept).toBe(2)
    const reset = await json('edit', String(a), '--reset', 'title', '--db', db)
    expect(reset).toMatchObject({ title: '降息消息', edited: ['tags'] })
    const bad = await lectern('edit', String(a), '--reset', 'colour', '--db', db)
    expect(bad.code).toBe(2)
    expect(bad.err).toMatch(/--reset must name a field .*not "colour"\./)
    expect((await lectern('edit', String(a), '--db', db)).code).toBe(2)
  })

  it('merges three labels, renames one, tags and trashes a whole search, and restores', async () => {
    const { db, a, b, c } = await archive()
    await lectern('import', tree.path('news'), '--db', db)
    writeFileSync(tree.path('news/d.md'), article('新华社', '正文', 'categories: [新华社]\n'))
    await json('import', tree.path('news'), '--db', db)
    const merged = await lectern(
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
    expect((await json('search', 'category:新华社', '--db', db)).total).toBe(3)
    expect((await lectern('labels', 'rename', 'test', 'Test', '--db', db)).code).toBe(0)
    expect(await json('tags', '--db', db)).toContainEqual({ name: 'Test', count: 4 })

    const tagged = await json('tag', '--query', '降息 OR rates', '--add', '经济', '--db', db)
    expect(tagged).toMatchObject({ changed: 2, articles: 2 })
    expect(
      (await json('search', 'tag:经济', '--db', db)).hits.map((h: { id: number }) => h.id).sort(),
    ).toEqual([a, c].sort())

    expect(await json('trash', '--ids', `${a},${b}`, '--db', db)).toMatchObject({ changed: 2 })
    expect((await json('search', 'tag:经济', '--db', db)).total).toBe(1)
    expect((await json('show', String(a), '--db', db)).trashed).toBe(true)
    expect((await json('import', tree.path('news'), '--db', db)).files).toContainEqual(
      expect.objectContaining({ path: 'a.md', status: 'skipped', error: { code: 'in-trash' } }),
    )
    expect((await lectern('import', tree.path('news'), '--db', db)).out).toContain(
      'skipped: a.md — in trash',
    )
    expect((await lectern('trash', 'restore', String(a), '--db', db)).code).toBe(0)
    expect(await json('trash', 'empty', '--db', db)).toEqual({ articles: 1, pictures: 0 })
    expect((await json('search', '芯片', '--db', db)).total).toBe(0)

    const both = await lectern('trash', '--ids', '1', '--query', 'x', '--db', db)
    expect(both.code).toBe(2)
    expect(both.err).toMatch(/needs either --ids 1,2 or --query Q\./)
    expect((await lectern('trash', '--ids', '1,x', '--db', db)).code).toBe(2)
  })

  it('lists revisions, backs up with a verified copy, and checks', async () => {
    const { db, a } = await archive()
    writeFileSync(tree.path('news/a.md'), article('降息消息（更新）', '央行宣布再次降息'))
    await json('import', tree.path('news'), '--db', db)
    const revs = await json('revisions', String(a), '--db', db)
    expect(revs.map((r: { title: string }) => r.title)).toEqual(['降息消息', '降息消息（更新）'])
    expect(Object.keys(revs[0]).sort()).toEqual(['date', 'hash', 'revision', 'title'])
    const copy = tree.path('copy/backup.db')
    expect(await json('backup', copy, '--db', db)).toMatchObject({ articles: 3, verified: true })
    expect(existsSync(copy)).toBe(true)
    expect(await json('check', '--db', copy)).toMatchObject({ ok: true })
    expect((await lectern('backup', '--db', db)).code).toBe(2)
  })

  it.skipIf(!rankExtensionFile())(
    'says when the index was made before the common pairs, and --fix writes them',
    async () => {
      const { db } = await archive()
      const PAIRS_LINE = /Made before common Chinese words were indexed as pairs: --fix rebuilds/
      expect((await lectern('check', '--db', db)).out).not.toMatch(PAIRS_LINE)
      const raw = new Database(db)
      raw.prepare(`DELETE FROM index_pairs`).run()
      raw.close()
      const seen = await lectern('check', '--db', db)
      expect(seen.code).toBe(0)
      expect(seen.out).toMatch(PAIRS_LINE)
      expect(seen.out).toMatch(/All well\./)
      expect((await lectern('check', '--fix', '--db', db)).out).toMatch(
        /Search index: ok \(rebuilt\)/,
      )
      expect((await lectern('check', '--db', db)).out).not.toMatch(PAIRS_LINE)
      expect((await json('search', '降息', '--db', db)).total).toBe(1)
    },
  )

  it('watches a folder in the foreground, catching up first, and prints a report per batch', async () => {
    const { db } = await archive()
    // written after the last import and before watching began: the catch-up brings it in
    writeFileSync(tree.path('news/overnight.md'), article('夜里写的', '没有人在看的时候'))
    const child = spawn(process.execPath, [
      ...LECTERN_PROCESS,
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
      await until(() => out.includes('"catchUp":true'), 'the catch-up')
      const caught = JSON.parse(out.split('\n')[0] as string)
      expect(caught).toMatchObject({ catchUp: true, report: { imported: 1 } })
      expect(caught.report.unchanged).toBeGreaterThan(0)
      writeFileSync(tree.path('news/new.md'), article('新文章', '刚写好的'))
      await until(() => out.split('\n').length > 2, 'a batch')
      const batch = JSON.parse(out.split('\n')[1] as string)
      expect(batch.catchUp).toBeUndefined()
      expect(batch.report).toMatchObject({ imported: 1 })
    } finally {
      child.kill('SIGINT')
    }
    await new Promise((r) => child.once('exit', r))
    expect((await json('search', 'title:新文章', '--db', db)).total).toBe(1)
    expect((await json('search', 'title:夜里写的', '--db', db)).total).toBe(1)
  }, 40_000)
})
