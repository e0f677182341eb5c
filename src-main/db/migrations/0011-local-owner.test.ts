import { describe, expect, it } from 'vitest'
import type Database from 'better-sqlite3'
import { currentVersion, migrate } from './index'
import { articleAdder, archiveAt } from '../../test-support/old-archive'
import { editsOf, shownArticle } from '../edits'
import { aliasLabels, mergeLabels } from '../label-aliases'
import { restoreArticles, trashArticles } from '../trash'
import { addWatchedFolder } from '../watched'
import { listChanges, undoLast } from '../undo'
import { listLabels } from '../labels'

const KEEP = ['article_edits', 'label_aliases', 'trash', 'discarded_files', 'watched_folders']
const renamed = (o: unknown) => (o === 'user' ? 'local' : o)

/** Every row of every table, each table's rows sorted (a rebuilt table may hold them in another
 * order), with the undo log's snapshots parsed so they compare as data. */
function everything(db: Database.Database): Record<string, Record<string, unknown>[]> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
    .pluck()
    .all() as string[]
  const out: Record<string, Record<string, unknown>[]> = {}
  for (const t of tables) {
    const rows = db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]
    if (t === 'undo_log') for (const r of rows) r.before = JSON.parse(r.before as string)
    out[t] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
  }
  return out
}

function columnsOf(db: Database.Database, t: string) {
  return db.prepare(`PRAGMA table_xinfo(${t})`).all() as { name: string; dflt_value: unknown }[]
}

/** An archive as Lectern 0010 left it: the 0007 tables' rows under 'user' (their default, and
 * the owner edits.ts wrote), readers' rows of accounts named 'user' and 'alice' on a server. */
function archiveOf0010() {
  const db = archiveAt(10)
  const add = articleAdder(db)
  const a = add({ title: '新华社消息', tags: ['新華社'], markdown: '央行宣布降息。' })
  const b = add({ title: 'Xinhua report', tags: ['Xinhua'], markdown: 'Rates were cut.' })
  const c = add({ title: '旧闻', tags: ['新华社'], markdown: '过时的消息。' })
  const edit = db.prepare(
    `INSERT INTO article_edits (owner, article_id, field, value, edited_at) VALUES (?, ?, ?, ?, ?)`,
  )
  edit.run('user', a, 'title', JSON.stringify('改过的标题'), '2026-10-01')
  edit.run('user', b, 'tags', JSON.stringify(['新华社', '经济']), '2026-10-01')
  // another owner's row in a 0007 table (none is written today): copied as it is
  edit.run('alice', a, 'summary', JSON.stringify('她的摘要'), '2026-10-02')
  mergeLabels(db, 'tag', ['新華社', 'Xinhua'], '新华社', '2026-10-03')
  // Changes whose undo snapshots hold 0007 rows: the aliases (a rename keeps them), a's edits
  // (a trash keeps them) and a's place in the trash (a restore keeps it).
  mergeLabels(db, 'tag', ['新华社'], '新华社', '2026-10-04')
  trashArticles(db, [a, c], '2026-10-05')
  restoreArticles(db, [a], '2026-10-06')
  addWatchedFolder(db, '/n', '2026-10-05')
  db.prepare(
    `INSERT INTO discarded_files (path, content_hash, discarded_at) VALUES ('/n/gone.md', 'hx', 'x')`,
  ).run()
  // Readers' own rows: an account may be called 'user'; its rows are its own and stay so.
  const hl = db.prepare(
    `INSERT INTO highlights (owner, article_id, quote, prefix, suffix, start_pos, end_pos, color,
       note, created_at, updated_at) VALUES (?, ?, '降息', '央行宣布', '。', 4, 6, 'yellow', null,
       'now', 'now')`,
  )
  hl.run('user', a)
  hl.run('alice', a)
  db.prepare(
    `INSERT INTO article_notes (owner, article_id, note, created_at, updated_at)
     VALUES ('user', ?, '账户 user 的笔记', 'now', 'now')`,
  ).run(a)
  db.prepare(
    `INSERT INTO collections (owner, name, created_at) VALUES ('user', '收藏', 'now')`,
  ).run()
  db.prepare(
    `INSERT INTO reading_status (owner, article_id, read, position, updated_at)
     VALUES ('user', ?, 1, 0, 'now')`,
  ).run(b)
  return { db, a, b, c }
}

describe('migration 0011-local-owner', () => {
  it("gives the 0007 tables' 'user' rows to 'local', losing and changing nothing else", () => {
    const { db, a, b, c } = archiveOf0010()
    const before = everything(db)
    expect(before.trash!.map((r) => r.owner)).toEqual(['user'])
    expect(before.watched_folders!.map((r) => r.owner)).toEqual(['user'])
    expect(before.label_aliases!.map((r) => r.owner)).toEqual(['user', 'user'])
    const undoSeq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'undo_log'`).get()

    migrate(db, 11)
    expect(currentVersion(db)).toBe(11)
    const after = everything(db)

    // The rows the desktop user made, each one kept, now under 'local'; alice's as they were.
    const expected = { ...before }
    for (const t of [...KEEP, 'undo_log']) {
      expected[t] = before[t]!.map((r) => ({ ...r, owner: renamed(r.owner) }))
    }
    const owners = (json: unknown) => JSON.stringify(json).match(/"owner":"\w+"/g) ?? []
    expect(before.undo_log!.flatMap((r) => owners(r.before))).toContain('"owner":"user"')
    for (const r of expected.undo_log!) {
      r.before = JSON.parse(JSON.stringify(r.before), (k: string, v: unknown) =>
        k === 'owner' ? renamed(v) : v,
      )
    }
    expect(after.undo_log!.flatMap((r) => owners(r.before))).not.toContain('"owner":"user"')
    for (const t of Object.keys(expected)) {
      expected[t]!.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)))
    }
    expect(after).toEqual(expected)
    expect(after.article_edits!.map((r) => r.owner).sort()).toEqual(['alice', 'local', 'local'])
    // The readers' tables, where 'user' may be an account, are untouched (part of the above,
    // said again because it is what must never go wrong).
    expect(after.highlights!.map((r) => r.owner).sort()).toEqual(['alice', 'user'])
    expect(after.article_notes!.map((r) => r.owner)).toEqual(['user'])
    expect(db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'undo_log'`).get()).toEqual(
      undoSeq,
    )

    // The same tables as before (STRICT, columns, keys, checks); only the default is 'local'.
    const list = db.prepare(`PRAGMA table_list`).all() as { name: string; strict: number }[]
    for (const t of [...KEEP, 'undo_log']) {
      expect(list.find((r) => r.name === t)?.strict, t).toBe(1)
      expect(columnsOf(db, t).find((c) => c.name === 'owner')?.dflt_value, t).toBe("'local'")
    }
    expect(() =>
      db
        .prepare(
          `INSERT INTO article_edits (article_id, field, value, edited_at)
                  VALUES (?, 'body', '"x"', 'now')`,
        )
        .run(a),
    ).toThrow(/CHECK/)
    expect(() =>
      db.prepare(`INSERT INTO trash (article_id, trashed_at) VALUES (999, 'now')`).run(),
    ).toThrow(/FOREIGN/)

    // What the user sees is what they saw: their title, their merge, their trash.
    expect(shownArticle(db, a)?.title).toBe('改过的标题')
    expect(editsOf(db, b).tags).toEqual(['新华社', '经济'])
    expect(aliasLabels(db, 'tag', ['Xinhua'])).toEqual(['新华社'])
    expect(listLabels(db, 'tag').find((l) => l.name === '新华社')?.count).toBe(2)
    expect(shownArticle(db, c)?.trashed).toBe(true)
    expect(shownArticle(db, a)?.trashed).toBe(false)

    // New rows take the default 'local'; the undo log's ids carry on from where they were.
    const lastUndo = listChanges(db)[0]!.id
    trashArticles(db, [b], '2026-12-01')
    expect(listChanges(db)[0]!.id).toBe(lastUndo + 1)
    expect(db.prepare(`SELECT DISTINCT owner FROM trash`).pluck().all()).toEqual(['local'])
    // Undo puts back the rows it kept, under the one owner.
    undoLast(db) // trash b
    undoLast(db) // restore a
    expect(shownArticle(db, a)?.trashed).toBe(true)
    undoLast(db) // trash a and c: a's edits are put back from the snapshot
    expect(shownArticle(db, a)).toMatchObject({ title: '改过的标题', trashed: false })
    expect(shownArticle(db, c)?.trashed).toBe(false)
    undoLast(db) // the rename
    undoLast(db) // the merge
    expect(aliasLabels(db, 'tag', ['Xinhua'])).toEqual(['Xinhua'])
    expect(
      db.prepare(`SELECT owner, field FROM article_edits ORDER BY owner, field`).all(),
    ).toEqual([
      { owner: 'alice', field: 'summary' },
      { owner: 'local', field: 'tags' },
      { owner: 'local', field: 'title' },
    ])
    expect(
      KEEP.flatMap((t) => db.prepare(`SELECT owner FROM ${t} WHERE owner = 'user'`).all()),
    ).toEqual([])
  })

  it("keeps the 'user' row where a hand-edited archive holds the same edit under both names", () => {
    const { db, a } = archiveOf0010()
    db.prepare(
      `INSERT INTO article_edits (owner, article_id, field, value, edited_at)
       VALUES ('local', ?, 'title', '"从未显示"', 'now')`,
    ).run(a)
    migrate(db, 11)
    expect(shownArticle(db, a)?.title).toBe('改过的标题')
    expect(
      db.prepare(`SELECT count(*) FROM article_edits WHERE article_id = ?`).pluck().get(a),
    ).toBe(2)
  })

  it('rolls back as a whole when it cannot finish', () => {
    const { db } = archiveOf0010()
    const before = everything(db)
    db.exec(`CREATE TABLE undo_log_new (x)`)
    expect(() => migrate(db)).toThrow()
    expect(currentVersion(db)).toBe(10)
    db.exec(`DROP TABLE undo_log_new`)
    expect(everything(db)).toEqual(before)
  })
})
