import type { Migration } from './index'

// Offline images. `media` holds each stored picture once, named by the sha256 of its bytes (the
// file lives in `<archive>.media/ab/cdef….<ext>`, the extension following from `mime`).
// `image_refs` is one row per picture an article uses, keyed by the source as written, so a
// re-import keeps what was already fetched; one address used by many articles is fetched once.
export const m0003: Migration = {
  version: 3,
  name: 'media',
  up(db) {
    db.exec(`
      CREATE TABLE media (
        hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
        mime TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        stored_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE image_refs (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        src TEXT NOT NULL,
        url TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('local', 'remote', 'thumbnail')),
        status TEXT NOT NULL CHECK (status IN ('stored', 'missing', 'failed')),
        hash TEXT REFERENCES media(hash),
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_tried TEXT,
        PRIMARY KEY (article_id, src)
      ) STRICT;
      CREATE INDEX image_refs_url ON image_refs(url, status);
      CREATE INDEX image_refs_status ON image_refs(status);
      CREATE INDEX image_refs_hash ON image_refs(hash);
    `)
    // Articles imported before this version have no picture list yet: their files are read once
    // more on the next import (not trusted by size and time), which lists and copies them.
    db.exec(`UPDATE files SET mtime_ms = -1`)
  },
}
