import { stmt } from './stmt'
import type { Archive } from './open'
import {
  extOfMime,
  imageKey,
  mediaUrl,
  type ImageKind,
  type ImageRef,
  type ImageStats,
  type ImageStatus,
} from '../shared/images'
import type { ImageFailure } from '../shared/problems'

/** One picture an article uses, as the importer found it. */
export interface ImageRefRecord {
  src: string
  url: string
  kind: ImageKind
  /** Local pictures arrive stored (or failed); remote ones arrive missing. */
  status: ImageStatus
  hash: string | null
  error: ImageFailure | null
}

export interface StoredMedia {
  hash: string
  mime: string
  bytes: number
}

/** A download to make: one address, with the page it appeared on for the Referer. */
export interface PendingDownload {
  url: string
  referer: string | null
}

interface RefRow {
  src: string
  url: string
  kind: ImageKind
  status: ImageStatus
  hash: string | null
  mime: string | null
  bytes: number | null
  error: string | null
  attempts: number
  last_tried: string | null
}

export function putMedia(db: Archive, m: StoredMedia, now: string): void {
  stmt(
    db,
    `INSERT INTO media (hash, mime, bytes, stored_at) VALUES (@hash, @mime, @bytes, @now)
     ON CONFLICT (hash) DO NOTHING`,
  ).run({ ...m, now })
}

/** Records what the importer prepared for one article (its local pictures already on disk). */
export function saveArticleImages(
  db: Archive,
  articleId: number,
  images: { refs: ImageRefRecord[]; media: StoredMedia[] },
  now: string,
): void {
  for (const m of images.media) putMedia(db, m, now)
  recordImageRefs(db, articleId, images.refs, now)
}

/**
 * Replaces an article's picture list, keeping what is already known: a remote picture whose
 * address did not change keeps its status, and one another article already has arrives stored.
 */
export function recordImageRefs(
  db: Archive,
  articleId: number,
  refs: ImageRefRecord[],
  now: string,
): void {
  const before = new Map(
    (
      stmt(db, `SELECT src, url, kind FROM image_refs WHERE article_id = ?`).all(articleId) as {
        src: string
        url: string
        kind: ImageKind
      }[]
    ).map((r) => [r.src, r]),
  )
  const upsert = stmt(
    db,
    `INSERT INTO image_refs (article_id, src, url, kind, status, hash, error, attempts, last_tried)
     VALUES (@articleId, @src, @url, @kind, @status, @hash, @error, @attempts, @lastTried)
     ON CONFLICT (article_id, src) DO UPDATE SET url = excluded.url, kind = excluded.kind,
       status = excluded.status, hash = excluded.hash, error = excluded.error,
       attempts = excluded.attempts, last_tried = excluded.last_tried`,
  )
  const keep = new Set<string>()
  for (const ref of refs) {
    if (keep.has(ref.src)) continue
    keep.add(ref.src)
    const old = before.get(ref.src)
    // Downloaded pictures (body or thumbnail) keep what is known of their address; copied
    // ones are as the importer found them just now.
    if (isWeb(ref.url)) {
      if (old && old.url === ref.url) {
        if (old.kind !== ref.kind) {
          stmt(db, `UPDATE image_refs SET kind = ? WHERE article_id = ? AND src = ?`).run(
            ref.kind,
            articleId,
            ref.src,
          )
        }
        continue
      }
      const known = storedHashOf(db, ref.url)
      upsert.run({
        articleId,
        ...ref,
        status: known ? 'stored' : 'missing',
        hash: known,
        error: null,
        attempts: 0,
        lastTried: null,
      })
    } else {
      upsert.run({
        articleId,
        ...ref,
        error: encodeFailure(ref.error),
        attempts: 1,
        lastTried: now,
      })
    }
  }
  for (const src of before.keys()) {
    if (!keep.has(src)) {
      stmt(db, `DELETE FROM image_refs WHERE article_id = ? AND src = ?`).run(articleId, src)
    }
  }
}

const isWeb = (url: string) => /^https?:\/\//i.test(url)

function storedHashOf(db: Archive, url: string): string | null {
  const row = stmt(
    db,
    `SELECT hash FROM image_refs WHERE url = ? AND status = 'stored' AND kind <> 'local' LIMIT 1`,
  ).get(url) as { hash: string } | undefined
  return row?.hash ?? null
}

/** Remote pictures not stored yet (missing, or failed last time), each address once. */
export function pendingDownloads(db: Archive, articleIds?: number[]): PendingDownload[] {
  const where = articleIds ? `AND r.article_id IN (SELECT value FROM json_each(@ids))` : ''
  return stmt(
    db,
    `SELECT r.url AS url, min(a.source_url) AS referer
       FROM image_refs r JOIN articles a ON a.id = r.article_id
      WHERE r.status <> 'stored' AND r.kind <> 'local'
        AND (r.url LIKE 'http://%' OR r.url LIKE 'https://%') ${where}
      GROUP BY r.url ORDER BY min(r.rowid)`,
  ).all(articleIds ? { ids: JSON.stringify(articleIds) } : {}) as PendingDownload[]
}

/** A download's outcome holds for every article that uses the address. */
export function markDownloaded(db: Archive, url: string, hash: string, now: string): void {
  stmt(
    db,
    `UPDATE image_refs SET status = 'stored', hash = ?, error = NULL, attempts = attempts + 1,
       last_tried = ? WHERE url = ? AND kind <> 'local'`,
  ).run(hash, now, url)
}

export function markDownloadFailed(
  db: Archive,
  url: string,
  error: ImageFailure,
  now: string,
): void {
  stmt(
    db,
    `UPDATE image_refs SET status = 'failed', error = ?, attempts = attempts + 1, last_tried = ?
      WHERE url = ? AND kind <> 'local' AND status <> 'stored'`,
  ).run(encodeFailure(error), now, url)
}

export function imageRefsOf(db: Archive, articleId: number): ImageRef[] {
  const rows = stmt(
    db,
    `SELECT r.src, r.url, r.kind, r.status, r.hash, m.mime, m.bytes, r.error, r.attempts,
            r.last_tried
       FROM image_refs r LEFT JOIN media m ON m.hash = r.hash
      WHERE r.article_id = ? ORDER BY r.rowid`,
  ).all(articleId) as RefRow[]
  return rows.map((r) => ({
    src: r.src,
    url: r.url,
    kind: r.kind,
    status: r.status,
    media: r.status === 'stored' ? mediaPathOf(r.hash, r.mime) : null,
    bytes: r.status === 'stored' ? r.bytes : null,
    error: decodeFailure(r.error),
    attempts: r.attempts,
    lastTried: r.last_tried,
  }))
}

/** What the reader needs to show an article offline: source as written → stored picture. */
export function storedImagesOf(db: Archive, articleId: number): Record<string, string> {
  const rows = stmt(
    db,
    `SELECT r.src, r.hash, m.mime FROM image_refs r JOIN media m ON m.hash = r.hash
      WHERE r.article_id = ? AND r.status = 'stored'`,
  ).all(articleId) as { src: string; hash: string; mime: string }[]
  const out: Record<string, string> = {}
  for (const r of rows) {
    const path = mediaPathOf(r.hash, r.mime)
    if (path) out[imageKey(r.src)] = path
  }
  return out
}

/** The archive's own copy of an article's thumbnail, for lists; null until it is stored. */
export function storedThumbnailOf(db: Archive, articleId: number): string | null {
  const row = stmt(
    db,
    `SELECT r.hash, m.mime FROM image_refs r JOIN media m ON m.hash = r.hash
      WHERE r.article_id = ? AND r.kind = 'thumbnail' AND r.status = 'stored' LIMIT 1`,
  ).get(articleId) as { hash: string; mime: string } | undefined
  return row ? mediaPathOf(row.hash, row.mime) : null
}

export function imageStats(db: Archive): ImageStats {
  const counts = Object.fromEntries(
    (
      stmt(db, `SELECT status, count(*) AS n FROM image_refs GROUP BY status`).all() as {
        status: ImageStatus
        n: number
      }[]
    ).map((r) => [r.status, r.n]),
  ) as Partial<Record<ImageStatus, number>>
  const bytes = (stmt(db, `SELECT coalesce(sum(bytes), 0) AS b FROM media`).get() as { b: number })
    .b
  return {
    stored: counts.stored ?? 0,
    missing: counts.missing ?? 0,
    failed: counts.failed ?? 0,
    bytes,
  }
}

function mediaPathOf(hash: string | null, mime: string | null): string | null {
  const ext = mime ? extOfMime(mime) : null
  return hash && ext ? mediaUrl(hash, ext) : null
}

// A failure is kept as its code and parameters in JSON, so it can be worded in any language
// later. Older archives hold English sentences: those are shown as they are until the next fetch
// replaces them.
function encodeFailure(f: ImageFailure | null): string | null {
  return f === null ? null : JSON.stringify(f)
}

function decodeFailure(text: string | null): ImageFailure | null {
  if (text === null) return null
  if (text.startsWith('{')) {
    try {
      const f = JSON.parse(text) as ImageFailure
      if (typeof f?.code === 'string') return f
    } catch {
      // not ours: fall through
    }
  }
  return { code: 'earlier-failure', params: { text } }
}
