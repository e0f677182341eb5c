import type { Migration } from './index'

// Keeping an archive for years: the user's own values beside the imported ones, trash,
// revisions, watched folders, an undo log for bulk changes and a record of backups.
//
// What the user made (edits, label merges, trash, watched folders) lives in tables of its own
// with an `owner` column, never in the imported columns: a re-import rewrites `articles` and
// `article_labels` from the files, and the user's tables are read over them. Edits are stored in
// a durable, owner-independent form (field name + JSON value) so any writer of the imported
// values, now or later, leaves them alone; label merges are kept by label key, so they apply to
// labels a later import brings in.
export const m0007: Migration = {
  version: 7,
  name: 'keep',
  up(db) {
    db.exec(`
      CREATE TABLE article_edits (
        owner TEXT NOT NULL DEFAULT 'user',
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        field TEXT NOT NULL CHECK (field IN ('title', 'date', 'summary', 'lang', 'tags',
          'categories', 'sourceName', 'sourceUrl')),
        value TEXT NOT NULL CHECK (json_valid(value)),
        edited_at TEXT NOT NULL,
        PRIMARY KEY (article_id, field, owner)
      ) STRICT;

      -- A merge or rename: labels whose key is \`key\` are shown (and imported) as \`into\`.
      CREATE TABLE label_aliases (
        owner TEXT NOT NULL DEFAULT 'user',
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'category')),
        key TEXT NOT NULL,
        into_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (kind, key, owner)
      ) STRICT;

      CREATE TABLE trash (
        owner TEXT NOT NULL DEFAULT 'user',
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        trashed_at TEXT NOT NULL
      ) STRICT;

      -- Files of articles removed for good: a re-import of the same file does not bring them
      -- back (a changed file is new content and is imported).
      CREATE TABLE discarded_files (
        owner TEXT NOT NULL DEFAULT 'user',
        path TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        discarded_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        date TEXT,
        summary TEXT,
        lang TEXT,
        source_url TEXT,
        source_name TEXT,
        author TEXT,
        tags TEXT NOT NULL CHECK (json_valid(tags)),
        categories TEXT NOT NULL CHECK (json_valid(categories)),
        markdown TEXT NOT NULL,
        front_matter TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX revisions_article ON revisions(article_id, id);

      CREATE TABLE watched_folders (
        owner TEXT NOT NULL DEFAULT 'user',
        path TEXT PRIMARY KEY,
        added_at TEXT NOT NULL
      ) STRICT;

      -- One row per bulk change, holding the rows it replaced, so the last ones can be undone.
      CREATE TABLE undo_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL DEFAULT 'user',
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        before TEXT NOT NULL CHECK (json_valid(before)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE backups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        file TEXT NOT NULL,
        articles INTEGER NOT NULL,
        bytes INTEGER NOT NULL,
        media INTEGER NOT NULL,
        made_at TEXT NOT NULL
      ) STRICT;

      -- Derived from the file system (the watcher saw the file go), not user data.
      ALTER TABLE articles ADD COLUMN source_missing INTEGER NOT NULL DEFAULT 0
        CHECK (source_missing IN (0, 1));
    `)
  },
}
