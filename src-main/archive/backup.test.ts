import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { statSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { openArchive, type Archive } from '../db/open'
import { lastBackup } from '../db/backups'
import { importFolders } from '../import/importer'
import { mediaFile } from '../images/store'
import { article, tempTree } from '../test-support/tmp'
import { tinyPng } from '../test-support/images'
import { backupArchive } from './backup'

let tree: ReturnType<typeof tempTree>
let db: Archive | undefined
let child: ChildProcess | undefined
afterEach(() => {
  child?.kill('SIGKILL')
  db?.close()
  tree?.cleanup()
})

const n = (d: Database.Database, t: string) =>
  (d.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n

/** Starts an import in another process; resolves once it has written `after` files. */
function importInChild(folder: string, dbFile: string, after: number): Promise<void> {
  return new Promise((resolve, reject) => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../test-support/import-child.ts'), folder, dbFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const m of chunk.matchAll(/done (\d+)/g)) if (Number(m[1]) >= after) resolve()
      if (chunk.includes('finished')) reject(new Error('the import finished before the backup'))
    })
    child.on('error', reject)
  })
}

describe('backup', () => {
  it('copies the archive and its pictures, verified, and remembers when', async () => {
    tree = tempTree({
      'news/img/p.png': tinyPng(9),
      'news/a.md': article('A', '![](img/p.png)'),
      'news/b.md': article('B', '正文'),
    })
    db = openArchive(tree.path('a.db'), { create: true })
    await importFolders(db, [tree.path('news')])
    const r = await backupArchive(db, tree.path('copies/backup.db'))
    expect(r).toMatchObject({ articles: 2, media: 1, verified: true })
    expect(r.bytes).toBe(statSync(tree.path('copies/backup.db')).size)
    const hash = (db.prepare(`SELECT hash FROM media`).get() as { hash: string }).hash
    const original = statSync(mediaFile(tree.path('a.db.media'), hash, 'png'))
    const copied = statSync(mediaFile(tree.path('copies/backup.db.media'), hash, 'png'))
    expect(copied.ino).toBe(original.ino) // a hard link on the same disk
    const copy = openArchive(tree.path('copies/backup.db'))
    expect(n(copy, 'articles')).toBe(2)
    expect(
      copy
        .prepare(`SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH '"正 文"'`)
        .get(),
    ).toEqual({ n: 1 })
    copy.close()
    expect(lastBackup(db)?.file).toBe(tree.path('copies/backup.db'))

    await expect(backupArchive(db, tree.path('copies/backup.db'))).rejects.toThrow(/exists/)
    await expect(backupArchive(db, tree.path('a.db'))).rejects.toThrow(/itself/)
    unlinkSync(mediaFile(tree.path('a.db.media'), hash, 'png'))
    await expect(backupArchive(db, tree.path('copies/second.db'))).rejects.toThrow(
      /missing from the store/,
    )
  })

  it('is consistent while an import writes in another process: whole batches only', async () => {
    const files: Record<string, string> = {}
    for (let i = 0; i < 3000; i++)
      files[`news/d${i % 5}/f${i}.md`] = article(`标题 ${i}`, `正文 ${i}`)
    tree = tempTree(files)
    const dbFile = tree.path('live.db')
    // The archive exists (migrated) before the import starts, as in the app.
    openArchive(dbFile, { create: true }).close()
    await importInChild(tree.path('news'), dbFile, 300)
    db = openArchive(dbFile)
    const r = await backupArchive(db, tree.path('backup.db'))
    expect(child!.exitCode).toBeNull() // still importing while the copy was made
    const copy = new Database(tree.path('backup.db'), { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    const saved = n(copy, 'articles')
    expect(saved).toBe(r.articles)
    expect(saved).toBeGreaterThanOrEqual(300)
    expect(saved % 50).toBe(0) // the child writes 50 files per transaction
    expect(n(copy, 'files')).toBe(saved)
    expect(n(copy, 'article_texts')).toBe(saved)
    copy.close()
  }, 60_000)
})
