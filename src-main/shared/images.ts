// Offline images: what crosses the boundary, and the one naming rule for stored pictures that the
// HTTP route, the desktop protocol and the renderer all share. Pure: no Node, Electron or DOM.
import type { ImageFailure } from './problems'

/** Where a picture came from: a file beside the article, the web, or the front matter's thumbnail. */
export type ImageKind = 'local' | 'remote' | 'thumbnail'
/** `missing`: known but not fetched yet; `failed`: tried, with a reason; retried on the next fetch. */
export type ImageStatus = 'stored' | 'missing' | 'failed'

/** One picture an article refers to, and what became of it. */
export interface ImageRef {
  /** As written in the article (the key of `Article.images`, after `imageKey`). */
  src: string
  /** What is fetched (an http(s) URL) or copied (a file path). */
  url: string
  kind: ImageKind
  status: ImageStatus
  /** `/media/<hash>.<ext>` once stored. */
  media: string | null
  bytes: number | null
  /** Why the last try failed, as a code (`http-error`, `private-address`, …). */
  error: ImageFailure | null
  attempts: number
  lastTried: string | null
}

export interface ImageFetchReport {
  /** Distinct addresses tried in this run (one address serves every article that uses it). */
  total: number
  stored: number
  failed: number
  /** Bytes downloaded. */
  bytes: number
  cancelled: boolean
  failures: { url: string; error: ImageFailure }[]
}

export interface ImageProgress {
  phase: 'fetching' | 'done'
  done: number
  total: number
  stored: number
  failed: number
  current: string | null
  /** Images per second since the run began. */
  rate: number
}

export interface ImageStats {
  /** Image references (per article) whose picture is in the archive. */
  stored: number
  /** Known references not fetched yet. */
  missing: number
  failed: number
  /** Size of the stored pictures (each once). */
  bytes: number
}

/** The picture formats Lectern keeps, recognised by their bytes, never by what a server claims. */
export const MEDIA_TYPES = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  bmp: 'image/bmp',
  ico: 'image/x-icon',
} as const
export type MediaExt = keyof typeof MEDIA_TYPES

export function isMediaExt(ext: string): ext is MediaExt {
  return Object.prototype.hasOwnProperty.call(MEDIA_TYPES, ext)
}

export function extOfMime(mime: string): MediaExt | null {
  for (const [ext, m] of Object.entries(MEDIA_TYPES)) if (m === mime) return ext as MediaExt
  return null
}

/** The custom scheme the desktop window loads stored pictures from. */
export const MEDIA_SCHEME = 'lectern-media'

/** The path a stored picture is served at (by `lectern serve`, and inside the desktop scheme). */
export function mediaUrl(hash: string, ext: MediaExt): string {
  return `/media/${hash}.${ext}`
}

const MEDIA_NAME = /^([0-9a-f]{64})\.([a-z]{3,4})$/

/**
 * Strict check of a requested picture name (`<sha256 hex>.<known ext>`), the only door into the
 * media store: no decoding, no folders, no dots but the one, so no path trick gets through.
 */
export function parseMediaName(name: string): { hash: string; ext: MediaExt; mime: string } | null {
  const m = MEDIA_NAME.exec(name)
  if (!m || !isMediaExt(m[2] as string)) return null
  const ext = m[2] as MediaExt
  return { hash: m[1] as string, ext, mime: MEDIA_TYPES[ext] }
}

/** A media path as the page must load it: as is over HTTP, through the scheme on the desktop. */
export function mediaSrc(mediaPath: string, transport: 'http' | 'desktop'): string {
  if (transport === 'http') return mediaPath
  return `${MEDIA_SCHEME}://media/${mediaPath.replace(/^\/media\//, '')}`
}

/**
 * The key an image source is looked up by in `Article.images`. marked percent-encodes an image's
 * address when it renders (`img/a b.png` → `img/a%20b.png`), so both sides decode first.
 */
export function imageKey(src: string): string {
  const s = src.trim()
  try {
    return decodeURI(s)
  } catch {
    return s
  }
}
