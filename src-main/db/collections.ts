import type { Archive } from './open'
import { stmt } from './stmt'
import type { CollectionSummary } from '../shared/organise'

// Collections: named, ordered lists of articles, each owned by one reader. Names arrive already
// normalised (shared/organise.ts normalName); the service turns "no such name" into an error.

export function collectionId(db: Archive, owner: string, name: string): number | null {
  const id = stmt(db, `SELECT id FROM collections WHERE owner = ? AND name = ?`)
    .pluck()
    .get(owner, name) as number | undefined
  return id ?? null
}

/** Each collection with what it shows: trashed articles keep their place (a restore brings them
 * back where they were) but are counted nowhere, as `collection:` finds none of them. */
export function listCollections(db: Archive, owner: string): CollectionSummary[] {
  return stmt(
    db,
    `SELECT c.name,
       (SELECT count(*) FROM collection_items ci WHERE ci.collection_id = c.id
          AND ci.article_id NOT IN (SELECT article_id FROM trash)) AS count,
       (SELECT count(*) FROM collection_items ci WHERE ci.collection_id = c.id
          AND ci.article_id NOT IN (SELECT article_id FROM trash) AND NOT EXISTS
          (SELECT 1 FROM reading_status r
            WHERE r.owner = c.owner AND r.article_id = ci.article_id AND r.read = 1)) AS unread
     FROM collections c WHERE c.owner = ? ORDER BY c.name`,
  ).all(owner) as CollectionSummary[]
}

export function createCollection(db: Archive, owner: string, name: string, now: string): void {
  stmt(db, `INSERT INTO collections (owner, name, created_at) VALUES (?, ?, ?)`).run(
    owner,
    name,
    now,
  )
}

export function renameCollection(db: Archive, id: number, to: string): void {
  stmt(db, `UPDATE collections SET name = ? WHERE id = ?`).run(to, id)
}

/** Deletes the list (its items go with it); the articles stay. Returns how many it held. */
export function deleteCollection(db: Archive, id: number): number {
  const n = countItems(db, id)
  stmt(db, `DELETE FROM collections WHERE id = ?`).run(id)
  return n
}

export function countItems(db: Archive, id: number): number {
  return stmt(db, `SELECT count(*) FROM collection_items WHERE collection_id = ?`)
    .pluck()
    .get(id) as number
}

/** The collection's article ids in its order (with the trashed ones, which keep their place). */
export function collectionItems(db: Archive, id: number): number[] {
  return stmt(
    db,
    `SELECT article_id FROM collection_items WHERE collection_id = ? ORDER BY position`,
  )
    .pluck()
    .all(id) as number[]
}

/** The collection's articles as it shows them: in its order, without the trashed ones. */
export function shownCollectionItems(db: Archive, id: number): number[] {
  return stmt(
    db,
    `SELECT article_id FROM collection_items WHERE collection_id = ?
        AND article_id NOT IN (SELECT article_id FROM trash) ORDER BY position`,
  )
    .pluck()
    .all(id) as number[]
}

/** Appends the ids not in it yet, in the order given; returns how many were added. */
export function addItems(db: Archive, id: number, articleIds: number[], now: string): number {
  const next = stmt(
    db,
    `SELECT coalesce(max(position), -1) + 1 FROM collection_items WHERE collection_id = ?`,
  ).pluck()
  const add = stmt(
    db,
    `INSERT INTO collection_items (collection_id, article_id, position, added_at)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM articles WHERE id = ?)
     ON CONFLICT DO NOTHING`,
  )
  return db.transaction(() => {
    let pos = next.get(id) as number
    let added = 0
    for (const a of articleIds) {
      if (add.run(id, a, pos, now, a).changes > 0) {
        added++
        pos++
      }
    }
    return added
  })()
}

export function removeItems(db: Archive, id: number, articleIds: number[]): number {
  const del = stmt(db, `DELETE FROM collection_items WHERE collection_id = ? AND article_id = ?`)
  return db.transaction(() => {
    let removed = 0
    for (const a of articleIds) removed += del.run(id, a).changes
    return removed
  })()
}

/** Moves one article to index `to` (clamped), renumbering the list; false when it is not in it. */
export function moveItem(db: Archive, id: number, articleId: number, to: number): boolean {
  return db.transaction(() => {
    const order = collectionItems(db, id)
    const from = order.indexOf(articleId)
    if (from < 0) return false
    order.splice(from, 1)
    order.splice(Math.max(0, Math.min(to, order.length)), 0, articleId)
    const set = stmt(
      db,
      `UPDATE collection_items SET position = ? WHERE collection_id = ? AND article_id = ?`,
    )
    order.forEach((a, i) => set.run(i, id, a))
    return true
  })()
}

/** The reader's collections that hold this article, by name. */
export function collectionsOf(db: Archive, owner: string, articleId: number): string[] {
  return stmt(
    db,
    `SELECT c.name FROM collections c JOIN collection_items ci ON ci.collection_id = c.id
     WHERE c.owner = ? AND ci.article_id = ? ORDER BY c.name`,
  )
    .pluck()
    .all(owner, articleId) as string[]
}

/**
 * Articles removed for good (an emptied trash): their places in every reader's collections and
 * their reading status go with them. Those rows hold on by ON DELETE RESTRICT, so only a
 * deliberate removal like this one, never an accident, takes them.
 */
export function forgetArticles(db: Archive, ids: number[]): void {
  const list = JSON.stringify(ids)
  stmt(db, `DELETE FROM collection_items WHERE article_id IN (SELECT value FROM json_each(?))`).run(
    list,
  )
  stmt(db, `DELETE FROM reading_status WHERE article_id IN (SELECT value FROM json_each(?))`).run(
    list,
  )
}
