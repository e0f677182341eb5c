import { protocol } from 'electron'
import { MEDIA_SCHEME } from '../shared/images'
import { mediaResponse } from '../images/serve'

// The desktop window shows stored pictures from lectern-media://media/<hash>.<ext>. The page is a
// file:// page, so /media/ paths (as `lectern serve` uses) would not reach the archive.

/** Must run before the app is ready: the scheme is standard (URLs parse) and secure. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true } },
  ])
}

/** Answers from the open archive's media store only, with the same name check as the server. */
export function serveMediaScheme(mediaDir: () => string | null): void {
  protocol.handle(MEDIA_SCHEME, (req) =>
    req.method === 'GET' || req.method === 'HEAD'
      ? mediaResponse(mediaDir(), req.url)
      : Promise.resolve(new Response('GET only', { status: 405 })),
  )
}
