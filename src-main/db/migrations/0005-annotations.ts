import type { Migration } from './index'

// What readers make of the articles: highlights and notes. User data lives in its own tables,
// each row owned by a reader (`owner`: 'local' on the desktop, an account on a shared server), so
// later tables (collections, saved searches, reading status) follow the same convention and a
// server can keep each reader's apart.
//
// A highlight is stored as the W3C Web Annotation model anchors text: the quote with the text
// just before and after it (TextQuoteSelector) and its offsets in the article's plain text
// (TextPositionSelector; UTF-16 offsets into `plainText(markdown)`, the positions the renderer's
// DOM uses). When the text changes the offsets are re-found from the quote; one that cannot be
// placed is kept with `orphaned = 1`, never deleted.
//
// ON DELETE RESTRICT, not CASCADE: deleting an article must not silently take its reader's
// highlights and notes with it; whoever deletes articles decides what happens to them.
export const m0005: Migration = {
  version: 5,
  name: 'annotations',
  up(db) {
    db.exec(`
      CREATE TABLE highlights (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        owner TEXT NOT NULL CHECK (length(owner) > 0),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        quote TEXT NOT NULL CHECK (length(quote) > 0),
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        start_pos INTEGER NOT NULL CHECK (start_pos >= 0),
        end_pos INTEGER NOT NULL CHECK (end_pos > start_pos),
        color TEXT NOT NULL DEFAULT 'yellow' CHECK (color IN ('yellow', 'green', 'blue', 'pink')),
        note TEXT,
        orphaned INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX highlights_article ON highlights(article_id, owner);
      CREATE INDEX highlights_owner_created ON highlights(owner, created_at);

      CREATE TABLE article_notes (
        owner TEXT NOT NULL CHECK (length(owner) > 0),
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        note TEXT NOT NULL CHECK (length(note) > 0),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (owner, article_id)
      ) STRICT;
      CREATE INDEX article_notes_article ON article_notes(article_id);
    `)
  },
}
