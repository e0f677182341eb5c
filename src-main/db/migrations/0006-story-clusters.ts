import type { Migration } from './index'
import { rebuildClusters } from '../story-clusters'

// Story clusters (near-duplicates across outlets and scripts). Derived data is kept small, as the
// archive grows by it for every article:
// - `story_members`: one row per article, its cluster (the smallest member id, so a rebuild gives
//   the same ids) and its MinHash signature (bands × rows values of 2 bytes, one BLOB): the band
//   keys follow from it, and with the shingle count it screens candidates before their texts
//   are read;
// - `story_bands`: the LSH index itself, (key, article) with no rowid, so each row is the key
//   and the id and nothing else. No foreign key: an article's rows go with its members row, and
//   a lookup ignores articles without one.
// The user's own choices live apart in `story_choices` (user data: never rebuilt, never derived),
// keyed by article ids, which are never reused (AUTOINCREMENT) and survive re-imports (an updated
// file keeps its article) and rebuilds (which read these rows and obey them).
export const m0006: Migration = {
  version: 6,
  name: 'story-clusters',
  up(db) {
    db.exec(`
      CREATE TABLE story_members (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        cluster_id INTEGER,
        signature BLOB NOT NULL,
        shingles INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX story_members_cluster ON story_members(cluster_id);

      CREATE TABLE story_bands (
        key INTEGER NOT NULL,
        article_id INTEGER NOT NULL,
        PRIMARY KEY (key, article_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE story_choices (
        owner TEXT NOT NULL DEFAULT 'local',
        a INTEGER NOT NULL,
        b INTEGER NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('apart', 'joined')),
        made_at TEXT NOT NULL,
        PRIMARY KEY (owner, a, b),
        CHECK (a < b)
      ) STRICT;
      CREATE INDEX story_choices_b ON story_choices(b);
    `)
    rebuildClusters(db)
  },
}
