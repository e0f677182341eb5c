import type { Migration } from './index'

// The facet index (search/facet-index.ts) took seconds to build after every start of a large
// archive (7.4 s of a worker at a million articles), during which the library showed no tags,
// sources or years. It is now kept in the archive when the app or `serve` closes, and used at
// the next start if nothing has changed since.
//
// "Nothing has changed" is the archive's stamp: a number every write that the index depends on
// moves, in the same transaction (db/generation.ts, `touch`). The in-memory generation could not
// serve: it starts again with each connection. Derived data only: deleting the saved row loses
// nothing but that start's head start.
export const m0012: Migration = {
  version: 12,
  name: 'saved-facets',
  up(db) {
    db.exec(`
      CREATE TABLE archive_stamp (n INTEGER NOT NULL);
      INSERT INTO archive_stamp (n) VALUES (0);
      CREATE TABLE saved_facets (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stamp INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        max_id INTEGER NOT NULL,
        meta TEXT NOT NULL CHECK (json_valid(meta)),
        order_ids BLOB NOT NULL,
        lang BLOB NOT NULL,
        source BLOB NOT NULL,
        year BLOB NOT NULL,
        label_start BLOB NOT NULL,
        label_ids BLOB NOT NULL
      );
    `)
  },
}
