import { afterEach, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { article, tempTree } from '../test-support/tmp'

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

/** Runs the CLI from its sources, as a user would run `lectern …`. */
function lectern(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src-main/cli/index.ts'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    },
  )
  return { code: r.status, out: r.stdout, err: r.stderr }
}

function fixture() {
  tree = tempTree({
    'news/a.md': article(
      'Rates fall',
      'The bank cut rates.\n\n[Harbor Daily](https://harbor.example/a)',
      'lang: en\n',
    ),
    'news/b.md':
      '---\ntitle: 降息\ndate: 2024-05-01\ntags: [经济, Test]\nlang: [zh-CN]\n---\n\n央行宣布降息。\n',
    'news/notes.txt': 'not an article',
  })
  return { folder: tree.path('news'), db: tree.path('archive.db') }
}

describe('the lectern command', () => {
  it('imports with a JSON report that accounts for every file', () => {
    const { folder, db } = fixture()
    const r = lectern(['import', folder, '--db', db, '--json'])
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out)
    expect(report).toMatchObject({ scanned: 3, imported: 2, skipped: 1, failed: 0, unchanged: 0 })
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'a.md',
      'b.md',
      'notes.txt',
    ])
    const again = JSON.parse(lectern(['import', folder, '--db', db, '--json']).out)
    expect(again).toMatchObject({ unchanged: 2, imported: 0 })
  })

  it('shows an article, the tags and the stats as JSON and as text', () => {
    const { folder, db } = fixture()
    const report = JSON.parse(lectern(['import', folder, '--db', db, '--json']).out)
    const b = report.files.find((f: { path: string }) => f.path === 'b.md')
    const shown = JSON.parse(lectern(['show', String(b.id), '--db', db, '--json']).out)
    expect(shown).toMatchObject({
      title: '降息',
      date: '2024-05-01',
      lang: 'zh-CN',
      tags: ['test', '经济'],
    })
    const a = JSON.parse(
      lectern([
        'show',
        String(report.files.find((f: { path: string }) => f.path === 'a.md').id),
        '--db',
        db,
        '--json',
      ]).out,
    )
    expect(a).toMatchObject({ sourceUrl: 'https://harbor.example/a', sourceName: 'Harbor Daily' })
    expect(JSON.parse(lectern(['tags', '--db', db, '--json']).out)).toEqual([
      { name: 'test', count: 2 },
      { name: '经济', count: 1 },
    ])
    const stats = JSON.parse(lectern(['stats', '--db', db, '--json']).out)
    expect(stats).toMatchObject({
      articles: 2,
      languages: { en: 1, 'zh-CN': 1 },
      oldest: '2024-05-01',
    })
    expect(lectern(['stats', '--db', db]).out).toMatch(/Articles:\s+2/)
  })

  it('searches, and answers a bad query with a message and exit 0', () => {
    const { folder, db } = fixture()
    lectern(['import', folder, '--db', db])
    const hit = JSON.parse(lectern(['search', '降', '--db', db, '--json']).out)
    expect(hit.total).toBe(1)
    expect(hit.hits[0].snippet).toContain('<mark>降</mark>')
    const bad = lectern(['search', '"(*', '--db', db, '--json'])
    expect(bad.code).toBe(0)
    expect(JSON.parse(bad.out)).toMatchObject({ total: 0, hits: [] })
    expect(JSON.parse(bad.out).error).toBeTruthy()
  })

  it('fails clearly, without a stack trace, on a missing folder or archive', () => {
    const { db } = fixture()
    const missingFolder = lectern(['import', tree.path('nope'), '--db', db])
    expect(missingFolder.code).not.toBe(0)
    expect(missingFolder.err).toMatch(/No such folder/)
    const missingDb = lectern(['stats', '--db', tree.path('none.db')])
    expect(missingDb.code).not.toBe(0)
    expect(missingDb.err).toMatch(/No archive at/)
    for (const r of [missingFolder, missingDb]) expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('refuses an archive from a newer Lectern', () => {
    tree = tempTree()
    const file = tree.path('new.db')
    const raw = new Database(file)
    raw.pragma('user_version = 999')
    raw.close()
    const r = lectern(['stats', '--db', file])
    expect(r.code).not.toBe(0)
    expect(r.err).toMatch(/newer Lectern/)
    expect(r.err).not.toMatch(/\n\s+at /)
  })

  it('stops quietly when the reader of its output closes the pipe early', () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 400; i++) files[`n/${i}.md`] = article(`Rates ${i}`, 'rates '.repeat(200))
    tree = tempTree(files)
    const db = tree.path('archive.db')
    expect(lectern(['import', tree.path('n'), '--db', db]).code).toBe(0)
    const cmd = [process.execPath, '--import', 'tsx', join(root, 'src-main/cli/index.ts')]
    const search = [...cmd, 'search', 'rates', '--db', db, '--limit', '400', '--json']
    const pipe = 'set -o pipefail; "$@" | head -c 100 >/dev/null'
    const r = spawnSync('bash', ['-c', pipe, 'bash', ...search], { encoding: 'utf8' })
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /)
    expect(r.status).toBe(0)
  })

  it('uses $LECTERN_DB when --db is not given', () => {
    const { folder, db } = fixture()
    lectern(['import', folder], { LECTERN_DB: db })
    expect(JSON.parse(lectern(['stats', '--json'], { LECTERN_DB: db }).out).articles).toBe(2)
  })

  it.skipIf(!existsSync(join(root, 'out/main/cli.js')))(
    'runs as bin/lectern.js from the build',
    () => {
      const r = spawnSync(process.execPath, [join(root, 'bin/lectern.js'), '--help'], {
        encoding: 'utf8',
      })
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/import <folder>/)
    },
  )
})
