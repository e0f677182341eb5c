import type { Archive } from '../db/open'
import { markDownloaded, markDownloadFailed, pendingDownloads, putMedia } from '../db/images'
import type { ImageFetchReport, ImageProgress } from '../shared/images'
import type { ImageFailure } from '../shared/problems'
import { guardedFetch, type Resolver } from './address-guard'
import { downloadImage, type FetchFn } from './download'
import { DEFAULT_LIMITS, type FetchLimits } from './limits'
import { runPool } from './pool'
import { mediaDirOf, storeMedia } from './store'

export interface FetchImagesOptions extends Partial<FetchLimits> {
  /** Only these articles' pictures (default: the whole archive). */
  articleIds?: number[] | undefined
  /** Replaces the guarded fetch (and so the private-address check): benchmarks and tests that
   * map made-up hosts to a local server. */
  fetch?: FetchFn | undefined
  /** Download from loopback, private and link-local addresses too (refused by default). */
  allowPrivateHosts?: boolean | undefined
  /** Host name resolution for the private-address check (default: the system's). */
  resolve?: Resolver | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((p: ImageProgress) => void) | undefined
  /** Defaults to the folder beside the archive. */
  mediaDir?: string | undefined
}

/**
 * Downloads every remote picture not stored yet (missing, or failed last time), each address
 * once for all the articles that use it, and records per address what happened. Pictures already
 * stored are never asked for again.
 */
export async function fetchImages(
  db: Archive,
  opts: FetchImagesOptions = {},
): Promise<ImageFetchReport> {
  const limits: FetchLimits = { ...DEFAULT_LIMITS, ...definedOnly(opts) }
  const guard = opts.fetch
    ? null
    : await guardedFetch({ allowPrivateHosts: opts.allowPrivateHosts, resolve: opts.resolve })
  const fetchFn: FetchFn = opts.fetch ?? (guard as NonNullable<typeof guard>).fetch
  const dir = opts.mediaDir ?? mediaDirOf(db)
  const jobs = pendingDownloads(db, opts.articleIds)
  const report: ImageFetchReport = {
    total: jobs.length,
    stored: 0,
    failed: 0,
    bytes: 0,
    cancelled: false,
    failures: [],
  }
  const progress: ImageProgress = {
    phase: 'fetching',
    done: 0,
    total: jobs.length,
    stored: 0,
    failed: 0,
    current: null,
    rate: 0,
  }
  const started = Date.now()
  const emit = () => opts.onProgress?.({ ...progress })
  emit()

  await runPool(
    jobs,
    (job) => hostOf(job.url),
    { concurrency: limits.concurrency, perKey: limits.perHost, signal: opts.signal },
    async (job) => {
      const r = await downloadImage(job.url, job.referer, {
        limits,
        fetch: fetchFn,
        signal: opts.signal,
      })
      // Cancelled mid-way: nothing learned, nothing recorded (the archive may be closing).
      if (opts.signal?.aborted) return
      const now = new Date().toISOString()
      let error: ImageFailure | null = r.ok || 'cancelled' in r ? null : r.error
      if (r.ok) {
        try {
          const hash = await storeMedia(dir, r.bytes, r.type.ext)
          if (opts.signal?.aborted) return
          db.transaction(() => {
            putMedia(db, { hash, mime: r.type.mime, bytes: r.bytes.length }, now)
            markDownloaded(db, job.url, hash, now)
          })()
          report.stored++
          report.bytes += r.bytes.length
        } catch (e) {
          error = { code: 'store-failed', params: { detail: (e as Error).message } }
        }
      }
      if (error !== null) {
        markDownloadFailed(db, job.url, error, now)
        report.failed++
        report.failures.push({ url: job.url, error })
      }
      progress.done++
      progress.stored = report.stored
      progress.failed = report.failed
      progress.current = job.url
      progress.rate = progress.done / Math.max((Date.now() - started) / 1000, 0.001)
      emit()
    },
  ).finally(() => guard?.close())
  report.cancelled = opts.signal?.aborted ?? false
  progress.phase = 'done'
  emit()
  return report
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

function definedOnly(opts: FetchImagesOptions): Partial<FetchLimits> {
  const out: Partial<FetchLimits> = {}
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof FetchLimits)[]) {
    const v = opts[k]
    if (v !== undefined) (out as Record<string, unknown>)[k] = v
  }
  return out
}
