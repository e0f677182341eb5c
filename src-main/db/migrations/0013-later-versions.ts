import type { Migration } from './index'

// Grouping by story reads the later versions of stories (articles whose cluster is named after
// another article): db/story-clusters.ts `laterVersions` and db/whole-list.ts
// `laterVersionsShown`, both on the app's first list after every start. They found them by
// walking the whole cluster index, an entry for every article (35 and 46 ms at a million
// generated articles, with 527 later versions; more when read cold from disk). An index of the
// later versions alone holds only those. Derived data: nothing a user made is touched.
export const m0013: Migration = {
  version: 13,
  name: 'later-versions',
  up(db) {
    db.exec(
      `CREATE INDEX story_members_later ON story_members(cluster_id) WHERE cluster_id <> article_id`,
    )
  },
}
