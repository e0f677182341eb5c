import type { Migration } from './index'
import { resignClusters } from '../story-clusters'

// Story clusters keep a longer signature (64 min-hashes instead of 20, 2 bytes each): enough to
// estimate a candidate's Jaccard closely and leave its text unread when it cannot be the same
// story, which was most of what clustering cost an import. The LSH band keys are kept in memory
// only (clusters/band-table.ts, loaded from the signatures), so `story_bands`, which nothing
// reads any more, goes: the archive grows by less than before per article. Clusters and the
// user's "same story" / "not the same story" choices are left as they are.
export const m0010: Migration = {
  version: 10,
  name: 'story-signatures',
  up(db) {
    db.exec(`DROP TABLE story_bands`)
    resignClusters(db)
  },
}
