import { MEDIA_SCHEME } from './images'

// The page's Content-Security-Policy, one fact for three places: the desktop window (the meta tag
// in src-renderer/index.html, checked equal by a test), the headers of `lectern serve`, and
// the tests. Nothing from outside, no inline scripts; pictures only from the app, inline, or the
// archive's media store.
export const CSP =
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; ` +
  `img-src 'self' data: ${MEDIA_SCHEME}:; ` +
  "font-src 'self'; connect-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'"
