import { LecternError } from '../shared/errors'
import { stat } from 'node:fs/promises'
import { relative, resolve } from 'node:path'
import { checkpointLess, type Archive } from '../db/open'
import { articlePath, findByHash, insertArticle, updateArticle } from '../db/articles'
import { getFile, putFile } from '../db/files'
import { saveArticleImages } from '../db/images'
import type { PreparedImages } from '../images/local'
import { mediaDirOf } from '../images/store'
import type { ImportFileResult, ImportProgress, ImportReport } from '../shared/types'
import type { FileReason } from '../shared/problems'
import { isMarkdownName, scanFolder, type ScanEntry } from './scan'
import type { FileStamp, IndexText, PrepareJob, StoredParse } from './prepare'
import { inThread, workerPool, type Preparer } from './pool'
import type { ImportWarning } from '../shared/problems'
import { emptyReport, tally } from './report'
import { reanchorArticle } from '../annotations/reanchor'
import { seen, sourceGone, trashedResult, withAliases } from './keep-rules'
import { moveArticlePath } from '../db/watched'
import { keepRevision } from '../db/revisions'
import { isDiscarded } from '../db/trash'
import { storyPlacer, type Fingerprint } from '../db/story-clusters'
import { mergingLess, withIndexWritesLast } from '../db/search-index'
import { withLabelsRemembered } from '../db/labels'
import { LOCAL_OWNER } from '../shared/auth'
import { asString } from '../db/stored-text'
import { restoreAnnotations, type FileAnnotations } from './annotations'

export interface ImportOptions {
  signal?: AbortSignal
  onProgress?: (p: ImportProgress) => void
  /** Files per transaction: a crash loses at most one batch, which the next import redoes. */
  batchSize?: number
  /** Parse workers beside the writing thread (default: the cores but one); 0 parses in this
   * thread. */
  workers?: number
  /** Whose highlights and note a file's `lectern` block becomes (default: the local reader). */
  owner?: string | undefined
  /** false: leave story clusters alone (only the import bench, to measure what they cost). */
  clusters?: boolean
}

type FileEntry = Extract<ScanEntry, { kind: 'file' }>

/** A file read and parsed, ready to be classified and written inside a transaction. */
type Prepared =
  | { entry: FileEntry; kind: 'unchanged-fast'; articleId: number }
  | ({
      entry: FileEntry
      kind: 'parsed'
      hash: string
      parsed: StoredParse
      annotations: FileAnnotations | null
      extra: ImportWarning[]
      images: PreparedImages
      /** The index's text, folded from the same lexing that found the pictures. */
      index: IndexText
      /** Its story fingerprint, made in the parse worker from the index's folded text. */
      story: Fingerprint | null
    } & FileStamp)
  | { entry: FileEntry; kind: 'skip'; reason: FileReason }
  | { entry: FileEntry; kind: 'fail'; reason: FileReason }

export async function importFolders(
  db: Archive,
  folders: string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const progress: ImportProgress = {
    phase: 'scanning',
    scanned: 0,
    done: 0,
    total: 0,
    current: null,
    rate: 0,
  }
  const emit = () => opts.onProgress?.({ ...progress })
  const prefix = (folder: string, rel: string) =>
    folders.length > 1 ? `${folder.replace(/[\\/]+$/, '')}/${rel}` : rel

  // Two walks: the first only counts (no stat, nothing kept), so progress can show done/total;
  // the second streams entries to the batches. Holding a million entries cost hundreds of MB.
  const roots: { folder: string; root: string }[] = []
  for (const folder of folders) {
    const root = resolve(folder)
    const st = await stat(root).catch(() => null)
    if (!st?.isDirectory()) {
      throw new LecternError('not-a-folder', st ? { folder } : { folder, missing: true })
    }
    roots.push({ folder, root })
  }
  // The parse workers start as soon as the count says they will be wanted, so that their
  // start-up (a fifth of a second) goes on while the rest of the folder is counted.
  let pool: Preparer | null = null
  try {
    for (const { root } of roots) {
      for await (const entries of scanFolder(root, opts.signal)) {
        const before = progress.scanned
        progress.scanned += entries.length
        if (Math.floor(progress.scanned / 500) > Math.floor(before / 500)) emit()
        if (pool === null && wantsWorkers(progress.scanned, opts)) pool = workerPool(opts.workers)
      }
    }
    return await importWork(db, work(), progress.scanned, prefix, progress, opts, pool)
  } catch (e) {
    // the walk failed, or the import before its own cleanup (closing twice is harmless)
    await pool?.close()
    throw e
  }
  async function* work(): AsyncGenerator<WorkItem[]> {
    for (const { folder, root } of roots) {
      for await (const entries of scanFolder(root, opts.signal)) {
        yield entries.map((entry) => ({ folder, root, entry }))
      }
    }
  }
}

const FEW_FILES = 64

/** Whether an import of `total` files prepares them in worker threads: a few files (a watcher's
 * batch, a small folder) are not worth starting a worker for. */
const wantsWorkers = (total: number, opts: ImportOptions) =>
  opts.workers !== 0 && total >= FEW_FILES

type WorkItem = { folder: string; root: string; entry: ScanEntry }

/**
 * Imports some files of a folder, named by absolute path (a watcher's batch): the same reading,
 * classifying and report as a folder import, without walking the whole folder again.
 */
export async function importFiles(
  db: Archive,
  root: string,
  paths: string[],
  opts: ImportOptions = {},
): Promise<ImportReport> {
  const base = resolve(root)
  const work: WorkItem[] = []
  for (const abs of paths) {
    const rel = relative(base, abs)
    const st = await stat(abs).catch(() => null)
    const entry: ScanEntry = st?.isFile()
      ? { kind: 'file', abs, rel }
      : { kind: 'fail', rel, reason: { code: 'vanished' } }
    work.push({ folder: root, root: base, entry })
  }
  const progress: ImportProgress = {
    phase: 'scanning',
    scanned: work.length,
    done: 0,
    total: 0,
    current: null,
    rate: 0,
  }
  return importWork(db, toAsync([work]), work.length, (_f, rel) => rel, progress, opts)
}

async function importWork(
  db: Archive,
  work: AsyncIterator<WorkItem[]>,
  total: number,
  prefix: (folder: string, rel: string) => string,
  progress: ImportProgress,
  opts: ImportOptions,
  /** Workers started already (while the folder was counted). */
  early: Preparer | null = null,
): Promise<ImportReport> {
  const report = emptyReport()
  const emit = () => opts.onProgress?.({ ...progress })
  progress.phase = 'importing'
  progress.total = total
  emit()

  const started = Date.now()
  const batchSize = opts.batchSize ?? 1000
  const mediaDir = mediaDirOf(db)
  // Batches k + 1 and k + 2 are with the workers while batch k is written here.
  const preparer: Preparer =
    early ?? (wantsWorkers(total, opts) ? workerPool(opts.workers) : inThread())
  let pending: WorkItem[] = []
  let at = 0
  let handedOut = 0
  const prepareBatch = async () => {
    const batch: WorkItem[] = []
    const size = nextBatchSize(batchSize, total - handedOut)
    while (batch.length < size) {
      if (at === pending.length) {
        const r = await work.next()
        if (r.done) break
        ;[pending, at] = [r.value, 0]
        continue
      }
      const take = Math.min(size - batch.length, pending.length - at)
      for (let k = 0; k < take; k++) batch.push(pending[at + k]!)
      at += take
    }
    handedOut += batch.length
    // Once the import has ended (cancelled), a batch still being scanned is dropped unread.
    if (batch.length === 0 || ended) return null
    return { batch, prepared: prepareMany(db, preparer, batch, mediaDir, opts.clusters !== false) }
  }
  let ended = false
  // Batches are scanned one after another (they share the walk), each handed to the workers as
  // soon as it is scanned. The walk's own callbacks cannot run while this thread writes, so the
  // batch after next is scanned before the writing starts: the workers always have one queued.
  const ahead: Promise<Awaited<ReturnType<typeof prepareBatch>>>[] = []
  let walked: Promise<unknown> = Promise.resolve()
  const enqueue = () => {
    const p = walked.then(prepareBatch)
    walked = p
    ahead.push(p)
  }
  const restoreCheckpoints = checkpointLess(db)
  const restoreMerging = total < FEW_FILES ? () => {} : mergingLess(db)
  try {
    enqueue()
    enqueue()
    for (let cur = await ahead.shift()!; cur !== null; cur = await ahead.shift()!) {
      if (opts.signal?.aborted) {
        report.cancelled = true
        break
      }
      const { batch } = cur
      // parsing is the slower half: rather than wait for the workers, this thread prepares the
      // parts of the batch they have not begun
      await preparer.help?.(cur.prepared)
      const prepared = await cur.prepared
      enqueue()
      await ahead[ahead.length - 1]
      const results = db.transaction(() => {
        const place = opts.clusters !== false ? storyPlacer(db) : null
        return withLabelsRemembered(db, () =>
          withIndexWritesLast(db, () =>
            batch.map(({ folder, root, entry }, j) => {
              const path = prefix(folder, entry.rel)
              if (entry.kind !== 'file') {
                return {
                  path,
                  status: entry.kind === 'skip' ? 'skipped' : 'failed',
                  warnings: [],
                  error: entry.reason,
                } satisfies ImportFileResult
              }
              const p = prepared[j] as Prepared
              const r = store(db, p, root, opts.owner ?? LOCAL_OWNER)
              // story clusters: only a new or changed article is (re)placed
              place?.(r, p.kind === 'parsed' ? (p.story ?? undefined) : undefined)
              return { ...r, path }
            }),
          ),
        )
      })()
      for (const r of results) tally(report, r)
      progress.done += batch.length
      progress.current = batch[batch.length - 1]?.entry.rel ?? null
      progress.rate = progress.done / Math.max((Date.now() - started) / 1000, 0.001)
      emit()
    }
  } finally {
    ended = true
    restoreMerging()
    restoreCheckpoints()
    await preparer.close()
  }
  // Cancelled while scanning: the walk stopped early, so the batches ran out without a check.
  if (opts.signal?.aborted) report.cancelled = true
  progress.phase = 'done'
  emit()
  return report
}

// The smallest batch of an import's tapering end (see nextBatchSize).
const TAIL_BATCH = 100

/**
 * Files in the next batch, `left` of the folder's count not yet handed out: `batchSize`, then
 * halving over the last two batches' worth, down to TAIL_BATCH. The workers have nothing left to
 * parse while the last batch is written, so the smaller it is the less of the import runs on one
 * core: on 20,000 files a last batch of 1,000 left the parse worker idle for 0.40 s, these 0.22 s.
 * (`left` may fall below 0 if the folder grew after it was counted: batches of TAIL_BATCH then.)
 */
export function nextBatchSize(batchSize: number, left: number): number {
  if (left >= 2 * batchSize) return batchSize
  return Math.min(batchSize, Math.max(TAIL_BATCH, Math.ceil(left / 2)))
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items
}

/** Sorts a batch into what needs no reading (unchanged, not Markdown) and what the preparer reads
 * and parses; results in the batch's order (null for scan entries that are not files). */
async function prepareMany(
  db: Archive,
  preparer: Preparer,
  batch: { root: string; entry: ScanEntry }[],
  mediaDir: string,
  clusters: boolean,
): Promise<(Prepared | null)[]> {
  const out: (Prepared | null)[] = new Array(batch.length).fill(null)
  const jobs: PrepareJob[] = []
  const at: number[] = []
  const knownIds: (number | undefined)[] = []
  batch.forEach(({ root, entry }, j) => {
    if (entry.kind !== 'file') return
    if (!isMarkdownName(entry.rel)) {
      out[j] = { entry, kind: 'skip', reason: { code: 'not-markdown' } }
      return
    }
    // With the size and time the archive knows, the reader leaves an unchanged file unread.
    const known = getFile(db, entry.abs)
    const stamp = known ? { size: known.size, mtimeMs: known.mtimeMs } : undefined
    jobs.push({ abs: entry.abs, rel: entry.rel, root, mediaDir, clusters, known: stamp })
    at.push(j)
    knownIds.push(known?.articleId)
  })
  const results = jobs.length ? await preparer.run(jobs) : []
  results.forEach((r, k) => {
    const j = at[k] as number
    const entry = batch[j]!.entry as FileEntry
    out[j] =
      r.kind === 'unchanged'
        ? { entry, kind: 'unchanged-fast', articleId: knownIds[k] as number }
        : { ...r, entry }
  })
  return out
}

/** Classifies one prepared file against the archive and writes it. Runs inside a transaction. */
function store(
  db: Archive,
  p: Prepared,
  root: string,
  owner: string,
): Omit<ImportFileResult, 'path'> {
  if (p.kind === 'skip') return { status: 'skipped', warnings: [], error: p.reason }
  if (p.kind === 'fail') return { status: 'failed', warnings: [], error: p.reason }
  if (p.kind === 'unchanged-fast') {
    return (
      trashedResult(db, p.articleId) ?? {
        status: 'unchanged',
        id: p.articleId,
        warnings: [],
        ...seen(db, p.articleId, p.entry.abs),
      }
    )
  }

  const now = new Date().toISOString()
  const { entry, hash } = p
  const fromFile = p.annotations
  const parsed = withAliases(db, p.parsed)
  const warnings = [...p.extra, ...parsed.warnings, ...p.images.warnings]
  const fileRec = { path: entry.abs, contentHash: hash, size: p.size, mtimeMs: p.mtimeMs }
  const known = getFile(db, entry.abs)
  if (known && known.contentHash === hash) {
    const trashed = trashedResult(db, known.articleId)
    if (trashed) return trashed
    putFile(db, { ...fileRec, articleId: known.articleId }, now)
    if (ownsArticle(db, known.articleId, entry.abs)) {
      saveArticleImages(db, known.articleId, p.images, now)
    }
    return {
      status: 'unchanged',
      id: known.articleId,
      warnings,
      ...seen(db, known.articleId, entry.abs),
    }
  }
  const record = {
    parsed,
    path: entry.abs,
    folder: root,
    contentHash: hash,
    bytes: p.size,
    index: p.index,
  }
  const same = findByHash(db, hash)
  if (known && same === null && ownsArticle(db, known.articleId, entry.abs)) {
    const trashed = trashedResult(db, known.articleId)
    if (trashed) return trashed
    keepRevision(db, known.articleId, now)
    updateArticle(db, known.articleId, record, now)
    putFile(db, { ...fileRec, articleId: known.articleId }, now)
    saveArticleImages(db, known.articleId, p.images, now)
    const annotations = reanchorArticle(db, known.articleId, asString(parsed.markdown))
    return {
      status: 'updated',
      id: known.articleId,
      warnings,
      annotations,
      ...seen(db, known.articleId, entry.abs),
    }
  }
  if (same !== null) {
    const trashed = trashedResult(db, same)
    if (trashed) return trashed
    if (!known && sourceGone(db, same)) {
      moveArticlePath(db, same, entry.abs, root)
      putFile(db, { ...fileRec, articleId: same }, now)
      saveArticleImages(db, same, p.images, now)
      return { status: 'moved', id: same, warnings, ...seen(db, same, entry.abs) }
    }
    putFile(db, { ...fileRec, articleId: same }, now)
    return { status: 'duplicate', id: same, duplicateOf: same, warnings }
  }
  if (isDiscarded(db, entry.abs, hash)) {
    return { status: 'skipped', warnings, error: { code: 'discarded' } }
  }
  const id = insertArticle(db, record, now)
  putFile(db, { ...fileRec, articleId: id }, now)
  saveArticleImages(db, id, p.images, now)
  // Only a new article takes the file's highlights: an existing one keeps its readers' own.
  const annotations = fromFile
    ? restoreAnnotations(db, owner, id, asString(parsed.markdown), fromFile, now)
    : undefined
  return { status: 'imported', id, warnings, ...(annotations ? { annotations } : {}) }
}

/** A path owns an article when the article was created from it (not when it merely duplicated it). */
function ownsArticle(db: Archive, articleId: number, path: string): boolean {
  return articlePath(db, articleId) === path
}
