import type { Migration } from './index'

// What a reader organises: collections (named, ordered lists of articles), saved searches and
// reading status. User data in its own tables, each row owned by a reader (`owner`: 'local' on
// the desktop, an account on a shared server), as the annotation tables (0005) do.
//
// ON DELETE RESTRICT on articles, as for highlights: deleting an article must not silently take
// a reader's collections or reading place with it. A collection's own items go with it (CASCADE):
// deleting the list is what the reader asked for.
//
// `position` orders a collection; moves renumber the collection's items in one transaction, which
// keeps positions dense and the order total (a collection holds hundreds, not millions).
export const m0009: Migration = {
  version: 9,
  name: 'organise',
  up(db) {
    db.exec(`
      CREATE TABLE collections (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL CHECK (length(owner) > 0),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at TEXT NOT NULL,
        UNIQUE (owner, name)
      ) STRICT;

      CREATE TABLE collection_items (
        collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        position INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_id, article_id)
      ) STRICT;
      CREATE INDEX collection_items_order ON collection_items(collection_id, position);
      CREATE INDEX collection_items_article ON collection_items(article_id);

      CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL CHECK (length(owner) > 0),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        query TEXT NOT NULL,
        sort TEXT NOT NULL DEFAULT 'relevance' CHECK (sort IN ('relevance', 'newest', 'oldest')),
        created_at TEXT NOT NULL,
        -- "new since last opened" counts articles imported after this moment
        last_opened TEXT NOT NULL,
        UNIQUE (owner, name)
      ) STRICT;

      CREATE TABLE reading_status (
        owner TEXT NOT NULL CHECK (length(owner) > 0),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        read INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        read_at TEXT,
        -- where the reader stopped: the fraction of the article scrolled, 0..1
        position REAL CHECK (position IS NULL OR (position >= 0 AND position <= 1)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (owner, article_id)
      ) STRICT;
      CREATE INDEX reading_status_read ON reading_status(owner, read, article_id);
      CREATE INDEX articles_imported ON articles(imported_at);
    `)
  },
}
