import { privateAddressRefused } from './address-guard'
import type { FetchLimits } from './limits'
import { sniffImage, type Sniffed } from './sniff'
import type { ImageFailure } from '../shared/problems'

/** The fetch the downloader calls: the global one (undici), or a test's, pointed anywhere. */
export type FetchFn = (url: string, init: RequestInit) => Promise<Response>

export type Download =
  | { ok: true; bytes: Uint8Array; type: Sniffed; url: string }
  | { ok: false; error: ImageFailure; retryable: boolean }
  | { ok: false; cancelled: true; retryable: false }

export interface DownloadOptions {
  limits: FetchLimits
  fetch: FetchFn
  signal?: AbortSignal | undefined
}

const CANCELLED: Download = { ok: false, retryable: false, cancelled: true }

/** One picture, with retries (after network errors and 5xx answers) and exponential backoff. */
export async function downloadImage(
  url: string,
  referer: string | null,
  opts: DownloadOptions,
): Promise<Download> {
  for (let attempt = 0; ; attempt++) {
    if (opts.signal?.aborted) return CANCELLED
    const r = await attemptDownload(url, referer, opts)
    if (r.ok || !r.retryable || attempt >= opts.limits.retries) return r
    if (!(await sleep(opts.limits.backoffMs * 2 ** attempt, opts.signal))) return CANCELLED
  }
}

async function attemptDownload(
  url: string,
  referer: string | null,
  { limits, fetch, signal }: DownloadOptions,
): Promise<Download> {
  const fail = (error: ImageFailure, retryable = false): Download => ({
    ok: false,
    error,
    retryable,
  })
  const ctrl = new AbortController()
  let timedOut = null as 'connect' | 'total' | null
  const onCancel = () => ctrl.abort()
  signal?.addEventListener('abort', onCancel, { once: true })
  const total = setTimeout(() => {
    timedOut ??= 'total'
    ctrl.abort()
  }, limits.timeoutMs)
  try {
    const seen = new Set<string>()
    let current = url
    for (let hop = 0; ; hop++) {
      seen.add(current)
      const connect = setTimeout(() => {
        timedOut ??= 'connect'
        ctrl.abort()
      }, limits.connectTimeoutMs)
      let res: Response
      try {
        // Redirects by hand: each hop is checked (scheme, loop, count) before it is followed.
        res = await fetch(current, {
          redirect: 'manual',
          headers: requestHeaders(referer, limits.userAgent),
          signal: ctrl.signal,
        })
      } finally {
        clearTimeout(connect)
      }
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await discard(res)
        const location = res.headers.get('location')
        if (!location) {
          return fail({ code: 'redirect-without-location', params: { status: res.status } })
        }
        let next: URL
        try {
          next = new URL(location, current)
        } catch {
          return fail({ code: 'redirect-invalid' })
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          return fail({ code: 'redirect-scheme', params: { scheme: next.protocol } })
        }
        if (seen.has(next.href)) return fail({ code: 'redirect-loop' })
        if (hop + 1 > limits.maxRedirects) {
          return fail({ code: 'too-many-redirects', params: { max: limits.maxRedirects } })
        }
        current = next.href
        continue
      }
      if (res.status < 200 || res.status >= 300) {
        await discard(res)
        return fail({ code: 'http-error', params: { status: res.status } }, res.status >= 500)
      }
      const length = Number(res.headers.get('content-length') ?? NaN)
      if (length > limits.maxBytes) {
        await discard(res)
        return fail({ code: 'too-large', params: { limit: limits.maxBytes, size: length } })
      }
      const bytes = await readCapped(res, limits.maxBytes)
      if (bytes === null) return fail({ code: 'too-large', params: { limit: limits.maxBytes } })
      if (bytes.length === 0) return fail({ code: 'empty-answer' })
      const type = sniffImage(bytes)
      if (!type) {
        const servedAs = res.headers.get('content-type') || undefined
        return fail({ code: 'not-an-image', params: servedAs ? { servedAs } : {} })
      }
      return { ok: true, bytes, type, url: current }
    }
  } catch (e) {
    if (signal?.aborted) return CANCELLED
    // A slow host stays slow for a while: not retried now, tried again on the next fetch.
    if (timedOut === 'connect') {
      return fail({ code: 'no-answer', params: { ms: limits.connectTimeoutMs } })
    }
    if (timedOut === 'total') return fail({ code: 'timed-out', params: { ms: limits.timeoutMs } })
    return networkFailure(e)
  } finally {
    clearTimeout(total)
    signal?.removeEventListener('abort', onCancel)
  }
}

function requestHeaders(referer: string | null, userAgent: string): Record<string, string> {
  const h: Record<string, string> = {
    'user-agent': userAgent,
    accept: 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8',
    'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
  }
  // Hotlink-protected hosts (inews.gtimg.com, sinaimg.cn) serve only pages of their own site.
  if (referer && /^https?:\/\//i.test(referer)) h.referer = referer
  return h
}

/** The body, or null as soon as it passes `max` bytes (a missing or lying Content-Length). */
async function readCapped(res: Response, max: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer())
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks, size)
}

async function discard(res: Response): Promise<void> {
  await res.body?.cancel().catch(() => {})
}

function networkFailure(e: unknown): Download {
  const refused = privateAddressRefused(e)
  if (refused) {
    return { ok: false, error: { code: 'private-address', params: refused }, retryable: false }
  }
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause
  const code = cause?.code ?? (e as { code?: string })?.code
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return { ok: false, error: { code: 'host-not-found' }, retryable: code === 'EAI_AGAIN' }
  }
  if (code && /CERT|SSL|TLS/i.test(code)) {
    return { ok: false, error: { code: 'tls-failed', params: { detail: code } }, retryable: false }
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return { ok: false, error: { code: 'connect-timeout' }, retryable: true }
  }
  const what = code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))
  return { ok: false, error: { code: 'network-error', params: { detail: what } }, retryable: true }
}

/** False when cancelled while waiting. */
function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false)
  return new Promise((resolve) => {
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', stop)
      resolve(true)
    }, ms)
    const stop = () => {
      clearTimeout(t)
      resolve(false)
    }
    signal?.addEventListener('abort', stop, { once: true })
  })
}
