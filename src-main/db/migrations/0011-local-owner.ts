import type { Migration } from './index'

// One name for the archive's local user. 0005, 0006 and 0009 (and the accounts of `lectern
// serve`) call them 'local'; 0007's tables said 'user', both as their default and in the rows
// written since, so two names meant one person and every reader had to know which table used
// which. 0007's tables are rebuilt with the default 'local' (SQLite cannot change a column's
// default in place) and their 'user' rows become 'local' ones, as do the owners kept inside the
// undo log's snapshots, so an undo after this migration puts back rows under the new name.
//
// Only 0007's tables are touched: in the readers' own tables (highlights, notes, collections,
// saved searches, reading status) 'user' can be the name of an account on a server, whose rows
// stay theirs. Rows of any other owner are copied unchanged.
//
// Edits and label merges are keyed by owner: were one key held under both 'user' and 'local'
// (Lectern never wrote 'local' there, so only a hand-edited archive could have it), the 'user'
// row is the one the user saw, and it is the one kept.

const TABLES: Record<string, { columns: string; ddl: string }> = {
  article_edits: {
    columns: 'owner, article_id, field, value, edited_at',
    ddl: `
      owner TEXT NOT NULL DEFAULT 'local',
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      field TEXT NOT NULL CHECK (field IN ('title', 'date', 'summary', 'lang', 'tags',
        'categories', 'sourceName', 'sourceUrl')),
      value TEXT NOT NULL CHECK (json_valid(value)),
      edited_at TEXT NOT NULL,
      PRIMARY KEY (article_id, field, owner)`,
  },
  label_aliases: {
    columns: 'owner, kind, key, into_name, created_at',
    ddl: `
      owner TEXT NOT NULL DEFAULT 'local',
      kind TEXT NOT NULL CHECK (kind IN ('tag', 'category')),
      key TEXT NOT NULL,
      into_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (kind, key, owner)`,
  },
  trash: {
    columns: 'owner, article_id, trashed_at',
    ddl: `
      owner TEXT NOT NULL DEFAULT 'local',
      article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
      trashed_at TEXT NOT NULL`,
  },
  discarded_files: {
    columns: 'owner, path, content_hash, discarded_at',
    ddl: `
      owner TEXT NOT NULL DEFAULT 'local',
      path TEXT PRIMARY KEY,
      content_hash TEXT NOT NULL,
      discarded_at TEXT NOT NULL`,
  },
  watched_folders: {
    columns: 'owner, path, added_at',
    ddl: `
      owner TEXT NOT NULL DEFAULT 'local',
      path TEXT PRIMARY KEY,
      added_at TEXT NOT NULL`,
  },
  undo_log: {
    columns: 'id, owner, action, summary, before, created_at',
    ddl: `
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      owner TEXT NOT NULL DEFAULT 'local',
      action TEXT NOT NULL,
      summary TEXT NOT NULL,
      before TEXT NOT NULL CHECK (json_valid(before)),
      created_at TEXT NOT NULL`,
  },
}

const OLD = 'user'
const NEW = 'local'

/** The owners inside one undo snapshot (see undo.ts: `Before`), renamed. */
function renameInSnapshot(json: string): string {
  const before = JSON.parse(json) as {
    articles?: { edits?: { owner?: string }[]; trash?: { owner?: string }[] }
    labels?: { aliases?: { owner?: string }[] }
  }
  const rows = [
    ...(before.articles?.edits ?? []),
    ...(before.articles?.trash ?? []),
    ...(before.labels?.aliases ?? []),
  ]
  for (const r of rows) if (r.owner === OLD) r.owner = NEW
  return JSON.stringify(before)
}

export const m0011: Migration = {
  version: 11,
  name: 'local-owner',
  up(db) {
    // undo_log's AUTOINCREMENT counter goes with the dropped table: kept, so ids never repeat.
    const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'undo_log'`).pluck().get()
    for (const [table, { columns, ddl }] of Object.entries(TABLES)) {
      const shown = columns.replace('owner', `iif(owner = '${OLD}', '${NEW}', owner)`)
      db.exec(`
        CREATE TABLE ${table}_new (${ddl}) STRICT;
        INSERT OR IGNORE INTO ${table}_new (${columns})
          SELECT ${shown} FROM ${table} ORDER BY owner = '${OLD}' DESC;
        DROP TABLE ${table};
        ALTER TABLE ${table}_new RENAME TO ${table};
      `)
    }
    if (seq !== undefined) {
      db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'undo_log'`).run()
      db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('undo_log', ?)`).run(seq)
    }
    const snapshots = db.prepare(`SELECT id, before FROM undo_log`).all() as {
      id: number
      before: string
    }[]
    const put = db.prepare(`UPDATE undo_log SET before = ? WHERE id = ?`)
    for (const s of snapshots) put.run(renameInSnapshot(s.before), s.id)
  },
}
