import { readFile, stat } from 'node:fs/promises'
import { MEDIA_SCHEME, parseMediaName } from '../shared/images'
import { mediaFile } from './store'

// Serving stored pictures, shared by `lectern serve` (GET /media/<name>) and the desktop's
// lectern-media:// scheme: one validation, one set of headers.

export type MediaLookup =
  | { ok: true; file: string; size: number; headers: Record<string, string> }
  | { ok: false; status: 400 | 404; message: string }

/**
 * Finds a stored picture by its public name. Only `<64 hex>.<known ext>` is accepted (no
 * decoding, no slashes), so the answer is always a file inside the store or a refusal.
 */
export async function locateMedia(dir: string | null, name: string): Promise<MediaLookup> {
  const parsed = parseMediaName(name)
  if (!parsed) return { ok: false, status: 400, message: 'Not a picture name' }
  if (!dir) return { ok: false, status: 404, message: 'No picture here' }
  const file = mediaFile(dir, parsed.hash, parsed.ext)
  const st = await stat(file).catch(() => null)
  if (!st?.isFile()) return { ok: false, status: 404, message: 'No such picture' }
  return { ok: true, file, size: st.size, headers: mediaHeaders(parsed.mime) }
}

export function mediaHeaders(mime: string): Record<string, string> {
  return {
    'content-type': mime,
    'x-content-type-options': 'nosniff',
    // Named by their content: a name always means the same bytes.
    'cache-control': 'public, max-age=31536000, immutable',
    // A picture opened on its own is a document: an SVG could carry scripts. Sandboxed, with
    // nothing allowed to load or run, it is just drawn.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  }
}

/** The desktop scheme's answer to `lectern-media://media/<name>`. */
export async function mediaResponse(dir: string | null, url: string): Promise<Response> {
  let name = ''
  try {
    const u = new URL(url)
    if (u.protocol === `${MEDIA_SCHEME}:` && u.host === 'media' && !u.search) {
      name = u.pathname.replace(/^\//, '')
    }
  } catch {
    // Refused below.
  }
  const found = await locateMedia(dir, name)
  if (!found.ok) {
    return new Response(found.message, {
      status: found.status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
    })
  }
  return new Response(await readFile(found.file), { status: 200, headers: found.headers })
}
