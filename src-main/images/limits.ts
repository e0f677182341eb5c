// Every limit of the image fetcher, with its default; each one can be set by the caller.
export interface FetchLimits {
  /** Downloads at once, overall and per host (hotlink-protected hosts block busy clients). */
  concurrency: number
  perHost: number
  /** Until the response headers arrive (connection, TLS, server), per request. */
  connectTimeoutMs: number
  /** For one whole attempt, redirects and body included. */
  timeoutMs: number
  /** Further attempts after a network error or a 5xx answer (never after a 4xx). */
  retries: number
  /** First pause before a retry; doubled each time. */
  backoffMs: number
  maxBytes: number
  maxRedirects: number
  userAgent: string
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

export const DEFAULT_LIMITS: FetchLimits = {
  concurrency: 6,
  perHost: 2,
  connectTimeoutMs: 15_000,
  timeoutMs: 15_000,
  retries: 2,
  backoffMs: 500,
  maxBytes: DEFAULT_MAX_BYTES,
  maxRedirects: 5,
  // Image hosts answer scripts with errors or placeholders; a desktop browser gets the picture.
  userAgent:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/138.0.0.0 Safari/537.36',
}

export { sizeText } from '../shared/messages-en'
