import type { Migration } from './index'

// STRICT tables; ids are AUTOINCREMENT so an article's id is never reused, even after deletes.
// A file row remembers which article a path fed (its own, or the one it duplicates), so that
// re-imports can say unchanged / updated / duplicate without re-reading the article.
export const m0001: Migration = {
  version: 1,
  name: 'articles',
  up(db) {
    db.exec(`
      CREATE TABLE articles (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        date TEXT,
        summary TEXT,
        lang TEXT,
        thumbnail TEXT,
        source_url TEXT,
        source_name TEXT,
        author TEXT,
        path TEXT NOT NULL,
        folder TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT
      ) STRICT;
      CREATE INDEX articles_date ON articles(date);

      -- The long texts live apart, so that sorting and counting over many articles reads
      -- small rows (a 5 KB body would give every article a page of its own).
      CREATE TABLE article_texts (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        markdown TEXT NOT NULL,
        front_matter TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX articles_hash ON articles(content_hash);
      CREATE INDEX articles_lang ON articles(lang);
      CREATE INDEX articles_source ON articles(source_name);

      CREATE TABLE labels (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'category')),
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (kind, key)
      ) STRICT;

      CREATE TABLE article_labels (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, label_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX article_labels_label ON article_labels(label_id, article_id);

      CREATE TABLE files (
        path TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        content_hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        seen_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX files_article ON files(article_id);
    `)
  },
}
