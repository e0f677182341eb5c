// Which picture sources an article may show. Reading stays offline and private: a picture is
// displayed only from the archive (its stored copy, served at /media/ by `lectern serve` and at
// lectern-media:// on the desktop) or inline as a data: image. Anything else becomes a
// placeholder, so opening an article never contacts the picture's original host.
import { MEDIA_SCHEME, imageKey, mediaSrc, parseMediaName } from '../../src-main/shared/images'

export type MediaTransport = 'http' | 'desktop'

const DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif);/i
const HTTP_MEDIA = /^\/media\/([^/?#\\]+)$/
const DESKTOP_MEDIA = new RegExp(`^${MEDIA_SCHEME}://media/([^/?#\\\\]+)$`)

/** True for the only sources an article's `<img>` may keep: a stored picture or a data: image
 * (no SVG: it could carry scripts into the page). */
export function isSafeImageSrc(src: string): boolean {
  if (DATA_IMAGE.test(src)) return true
  const m = HTTP_MEDIA.exec(src) ?? DESKTOP_MEDIA.exec(src)
  return m !== null && parseMediaName(m[1] as string) !== null
}

/**
 * The address of the archive's copy of a picture, looked up by the source as it appears in the
 * rendered HTML (marked percent-encodes it; `imageKey` decodes both sides). Null when the archive
 * has no copy, or the path it gives is not a well-formed media name.
 */
export function storedImageSrc(
  src: string,
  images: Record<string, string> | undefined,
  transport: MediaTransport,
): string | null {
  if (!images || src === '') return null
  const key = imageKey(src)
  const path = Object.prototype.hasOwnProperty.call(images, key) ? images[key] : undefined
  if (typeof path !== 'string') return null
  const out = mediaSrc(path, transport)
  return isSafeImageSrc(out) ? out : null
}

/** A stored media path (from the archive, e.g. a hit's thumbnail) as an address for this app. */
export function storedMediaSrc(path: string | null, transport: MediaTransport): string | null {
  if (!path) return null
  const out = mediaSrc(path, transport)
  return isSafeImageSrc(out) ? out : null
}

export function isDataImage(src: string): boolean {
  return DATA_IMAGE.test(src)
}

/** A picture on the web, which the archive can download and keep. */
export function isWebImage(src: string): boolean {
  return /^https?:\/\//i.test(src)
}

export function hostOf(src: string): string {
  try {
    return new URL(src).host
  } catch {
    return ''
  }
}
