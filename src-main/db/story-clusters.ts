import { stmt } from './stmt'
import type { Archive } from './open'
import { assign } from '../clusters/engine'
import { signatureLength } from '../clusters/minhash'
import { DEFAULT_PARAMS } from '../clusters/params'
import {
  fingerprint,
  forget,
  fromBlob,
  markdownOf,
  remember,
  SqliteClusters,
  toBlob,
  type Fingerprint,
} from './story-store'

export { fingerprint, type Fingerprint } from './story-store'

function signatureOf(db: Archive, id: number): Uint16Array {
  const row = stmt(db, `SELECT signature FROM story_members WHERE article_id = ?`).get(id) as
    { signature: Buffer } | undefined
  return row ? fromBlob(row.signature) : new Uint16Array(0)
}

/** Takes these articles out of their clusters and places them again, in import order: what a
 * change to one story needs, without touching any other cluster. */
function replace(store: SqliteClusters, ids: number[]): void {
  const { db } = store
  const sorted = [...new Set(ids)].sort((a, b) => a - b)
  const clear = stmt(db, `UPDATE story_members SET cluster_id = NULL WHERE article_id = ?`)
  for (const id of sorted) clear.run(id)
  for (const id of sorted) {
    const set = store.shinglesOf(id)
    assign(
      store,
      { id, size: set.length, set: () => set, sig: signatureOf(db, id) },
      DEFAULT_PARAMS,
    )
  }
}

/**
 * Places a new or changed article. Only its LSH candidates are read; a changed article is placed
 * again together with the rest of its old cluster (it may have been what held them together).
 */
export function placeArticle(
  db: Archive,
  id: number,
  markdown: string,
  fp: Fingerprint = fingerprint(markdown),
): number {
  return place(new SqliteClusters(db), id, fp, false)
}

/** placeArticle in a store; `fresh`: the article was just made, so it has no row yet. */
function place(store: SqliteClusters, id: number, fp: Fingerprint, fresh: boolean): number {
  const before = fresh ? null : store.clusterOf(id)
  const { hashes, size, sig, windows } = fp
  remember(store.db, id, hashes, false, fp.bytes)
  // a re-import that changed only the front matter (a title, tags) leaves the story as it was:
  // placing it again could move the versions around it for nothing
  if (before !== null && store.sizeOf(id) === size && sameSig(store.signatureOf(id), sig)) {
    return before
  }
  const others = before === null ? [] : store.members(before).filter((m) => m !== id)
  if (others.length > 0) {
    store.index(id, sig, size, null)
    replace(store, [id, ...others])
    return store.clusterOf(id)!
  }
  // alone before (or new): placed first, then its row written once, with its cluster
  const placing = { id, size, set: () => store.shinglesOf(id), sig, windows }
  const cluster = store.placeNew(id, () => assign(store, placing, DEFAULT_PARAMS))
  store.index(id, sig, size, cluster)
  return cluster
}

function sameSig(a: Uint16Array, b: Uint16Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Recomputes every cluster from the texts, obeying the user's choices. Read in id-ordered pages:
 * better-sqlite3 cannot write while an iterator is open. */
export function rebuildClusters(db: Archive): { articles: number; clusters: number } {
  db.exec(`DELETE FROM story_members`)
  forget(db)
  edited(db)
  const page = stmt(
    db,
    `SELECT article_id AS id, markdown FROM article_texts WHERE article_id > ?
      ORDER BY article_id LIMIT 500`,
  )
  let after = 0
  let articles = 0
  for (;;) {
    const rows = page.all(after) as { id: number; markdown: string }[]
    if (rows.length === 0) break
    // one transaction a page (a savepoint inside a migration's): row by row, SQLite would commit
    // every band key on its own
    db.transaction(() => {
      const store = new SqliteClusters(db)
      for (const r of rows) place(store, r.id, fingerprint(r.markdown), true)
    })()
    articles += rows.length
    after = rows[rows.length - 1]!.id
  }
  const { n } = stmt(db, `SELECT count(DISTINCT cluster_id) AS n FROM story_members`).get() as {
    n: number
  }
  return { articles, clusters: n }
}

/**
 * Makes again the signatures that are not of today's length (the archive's own clusters and the
 * user's choices stay as they are): what a change of signature length needs, at the cost of
 * lexing those texts once and no placement. Paged by id, as in `rebuildClusters`.
 */
export function resignClusters(db: Archive): number {
  forget(db)
  const bytes = signatureLength(DEFAULT_PARAMS) * 2
  const page = stmt(
    db,
    `SELECT m.article_id AS id, t.markdown FROM story_members m
       JOIN article_texts t ON t.article_id = m.article_id
      WHERE m.article_id > ? AND length(m.signature) <> ? ORDER BY m.article_id LIMIT 500`,
  )
  const put = stmt(db, `UPDATE story_members SET signature = ?, shingles = ? WHERE article_id = ?`)
  let after = 0
  let n = 0
  for (;;) {
    const rows = page.all(after, bytes) as { id: number; markdown: string }[]
    if (rows.length === 0) break
    for (const r of rows) {
      const { size, sig } = fingerprint(r.markdown)
      put.run(toBlob(sig), size, r.id)
    }
    n += rows.length
    after = rows[rows.length - 1]!.id
  }
  return n
}

/** "Not the same story": the article leaves its cluster and never joins those members again. */
export function splitArticle(db: Archive, id: number, now: string): void {
  const store = new SqliteClusters(db)
  const cluster = store.clusterOf(id)
  if (cluster === null) return
  const others = store.members(cluster).filter((m) => m !== id)
  for (const m of others) choose(store, id, m, 'apart', now)
  replace(store, [id, ...others])
  edited(db)
}

/** "Same story": the two articles' clusters become one, and stay one through rebuilds. */
export function joinArticles(db: Archive, a: number, b: number, now: string): number {
  const store = new SqliteClusters(db)
  choose(store, a, b, 'joined', now)
  const ids = [a, b].flatMap((x) => {
    const c = store.clusterOf(x)
    return c === null ? [x] : store.members(c)
  })
  const cluster = Math.min(...ids)
  store.setCluster(ids, cluster)
  edited(db)
  return cluster
}

function choose(
  store: SqliteClusters,
  x: number,
  y: number,
  verdict: 'apart' | 'joined',
  now: string,
) {
  store.chose(x, y)
  stmt(
    store.db,
    `INSERT INTO story_choices (a, b, verdict, made_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (owner, a, b) DO UPDATE SET verdict = excluded.verdict, made_at = excluded.made_at`,
  ).run(Math.min(x, y), Math.max(x, y), verdict, now)
}

export interface ClusterRow {
  id: number
  articles: number[]
  /** The first version: the earliest by date; without dates, the earliest imported. */
  first: number
}

export function clusterOf(db: Archive, articleId: number): ClusterRow | null {
  const cluster = new SqliteClusters(db).clusterOf(articleId)
  return cluster === null ? null : (clusterRows(db, 1, cluster, articleId)[0] ?? null)
}

/** Clusters of at least `minSize` articles, the largest first. Trashed articles are not
 * versions (but `keep`, the one being read, is listed even from the trash). */
export function clusterRows(
  db: Archive,
  minSize: number,
  only?: number,
  keep?: number,
): ClusterRow[] {
  const rows = stmt(
    db,
    `SELECT m.cluster_id AS cluster, m.article_id AS id, a.date
       FROM story_members m JOIN articles a ON a.id = m.article_id
      WHERE m.cluster_id IN (SELECT cluster_id FROM story_members
                              WHERE cluster_id IS NOT NULL AND (@only IS NULL OR cluster_id = @only)
                                AND (article_id = @keep OR article_id NOT IN (SELECT article_id FROM trash))
                              GROUP BY cluster_id HAVING count(*) >= @minSize)
        AND (m.article_id = @keep OR m.article_id NOT IN (SELECT article_id FROM trash))
      ORDER BY m.cluster_id, m.article_id`,
  ).all({ only: only ?? null, minSize, keep: keep ?? null }) as {
    cluster: number
    id: number
    date: string | null
  }[]
  const out = new Map<number, { ids: number[]; first: { id: number; date: string | null } }>()
  for (const r of rows) {
    const c = out.get(r.cluster)
    if (!c) {
      out.set(r.cluster, { ids: [r.id], first: r })
      continue
    }
    c.ids.push(r.id)
    // rows come in id (import) order, so only an earlier date displaces the first
    if (r.date !== null && (c.first.date === null || r.date < c.first.date)) c.first = r
  }
  return [...out]
    .map(([id, c]) => ({ id, articles: c.ids, first: c.first.id }))
    .sort((a, b) => b.articles.length - a.articles.length || a.id - b.id)
}

/**
 * The importer's: places what one transaction of an import wrote (new or changed articles only),
 * from the fingerprints made while reading the files. One placer a transaction.
 */
export function storyPlacer(
  db: Archive,
): (r: { status: string; id?: number }, fp?: Fingerprint) => void {
  const store = new SqliteClusters(db)
  return (r, fp) => {
    if ((r.status !== 'imported' && r.status !== 'updated') || r.id === undefined) return
    place(store, r.id, fp ?? fingerprint(markdownOf(db, r.id)), r.status === 'imported')
  }
}

export interface VersionRow {
  id: number
  title: string
  date: string | null
  sourceName: string | null
}

/** Title, date and outlet of these articles, oldest first (undated ones by import, last). */
export function versionRows(db: Archive, ids: number[]): VersionRow[] {
  const get = stmt(db, `SELECT id, title, date, source_name FROM articles WHERE id = ?`)
  return ids
    .map(
      (id) =>
        get.get(id) as
          | { id: number; title: string; date: string | null; source_name: string | null }
          | undefined,
    )
    .filter((r) => r !== undefined)
    .map((r) => ({ id: r.id, title: r.title, date: r.date, sourceName: r.source_name }))
    .sort((a, b) =>
      a.date !== null && b.date !== null
        ? a.date.localeCompare(b.date) || a.id - b.id
        : a.date === null && b.date === null
          ? a.id - b.id
          : a.date === null
            ? 1
            : -1,
    )
}

/** Each article's story and how many versions it has that are not in the trash (the article
 * itself always counts: a trashed article found by id still shows as one version). */
export function storiesOf(
  db: Archive,
  ids: number[],
): Map<number, { cluster: number; versions: number }> {
  const get = stmt(
    db,
    `SELECT coalesce(m.cluster_id, @id) AS cluster,
            CASE WHEN m.cluster_id IS NULL THEN 1 ELSE
              (SELECT count(*) FROM story_members x WHERE x.cluster_id = m.cluster_id
                 AND (x.article_id = @id OR x.article_id NOT IN (SELECT article_id FROM trash)))
            END AS versions
       FROM (SELECT @id AS id) s LEFT JOIN story_members m ON m.article_id = s.id`,
  )
  return new Map(ids.map((id) => [id, get.get({ id }) as { cluster: number; versions: number }]))
}

// Bumped when clusters change without an article changing (split, join, rebuild): what is kept
// in memory about stories (search/stories.ts) is made again.
const edits = new WeakMap<Archive, number>()

export function storyEdits(db: Archive): number {
  return edits.get(db) ?? 0
}

function edited(db: Archive): void {
  edits.set(db, storyEdits(db) + 1)
}

/** [article, cluster] of every article whose cluster is named after another (a later version):
 * an article not listed is its own story. Few rows: most stories have one version. */
export function laterVersions(db: Archive): Int32Array {
  const rows = stmt(
    db,
    `SELECT article_id, cluster_id FROM story_members
      WHERE cluster_id IS NOT NULL AND cluster_id <> article_id`,
  )
    .raw()
    .all() as [number, number][]
  const out = new Int32Array(rows.length * 2)
  rows.forEach(([a, c], i) => {
    out[i * 2] = a
    out[i * 2 + 1] = c
  })
  return out
}
