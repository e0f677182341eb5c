import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { prepareImages, type PreparedImages } from '../images/local'
import type { FileReason, ImportWarning } from '../shared/problems'
import { indexText } from '../db/search-index'
import { fingerprint, type Fingerprint } from '../db/story-clusters'
import { normalizeText } from '../text/normalize'
import { lexMarkdown } from '../text/markdown'
import { plainTextOf } from '../text/plain'
import { decodeFile } from './decode'
import { parseArticle } from './parse'
import { reason } from './scan'
import type { ParsedArticle } from './types'
import { takeAnnotations, type FileAnnotations } from './annotations'
import { textsToBytes, type StoredText } from '../db/stored-text'
import type { Arena } from '../db/arena'
import { DEFAULT_PARAMS } from '../clusters/params'

// Everything the import does to one file before the archive is touched: read, decode, hash,
// parse, copy its local pictures into the media store, and fold the text the full-text index
// takes. No SQLite here, so it runs in the parse workers (import/parse-worker.ts) as well as in
// the calling thread.

/** One file to prepare (what the worker receives). */
export interface PrepareJob {
  abs: string
  rel: string
  root: string
  mediaDir: string
  /** false: no story fingerprint (only the import bench, to measure what clusters cost). */
  clusters?: boolean
  /** The size and modification time the archive holds for this path: when the file still has
   * both, it is not read (re-imports of hundreds of thousands of files must be quick; an edit
   * changes the time). */
  known?: FileStamp | undefined
}

/** A file's size and modification time (whole milliseconds), as the reader found them. */
export interface FileStamp {
  size: number
  mtimeMs: number
}

/** The full-text index's columns for an article, already folded (see db/search-index.ts). */
export interface IndexText {
  title: string
  body: StoredText
}

/** A parse as the writer takes it: the front matter is JSON text already, and the long texts may
 * be UTF-8 bytes (see db/stored-text.ts). */
export type StoredParse = Omit<ParsedArticle, 'frontMatter' | 'markdown'> & {
  frontMatter: StoredText
  markdown: StoredText
}

export type PrepareResult =
  | ({ kind: 'unchanged' } & FileStamp)
  | ({
      kind: 'parsed'
      hash: string
      /** Its front matter as the archive stores it: JSON, without the reader's annotations. */
      parsed: StoredParse
      /** The highlights and note a Markdown export wrote in the front matter's `lectern`. */
      annotations: FileAnnotations | null
      extra: ImportWarning[]
      images: PreparedImages
      index: IndexText
      /** What placing it in a story needs, from the same folded text as the index. */
      story: Fingerprint | null
    } & FileStamp)
  | { kind: 'skip'; reason: FileReason }
  | { kind: 'fail'; reason: FileReason }

/**
 * Prepares files a few at a time (reads overlap; a batch is not read all at once), in order.
 * `blocking`: read each file synchronously, for a parse worker, whose thread has nothing else to
 * do: an asynchronous read costs four trips through libuv's thread pool (open, stat, read,
 * close), which took a quarter of a worker's time.
 */
export async function prepareAll(
  jobs: PrepareJob[],
  {
    concurrency = 16,
    blocking = false,
    arena,
  }: {
    concurrency?: number
    blocking?: boolean
    /** Where the story fingerprints' arrays go (a worker transfers its buffers); otherwise
     * each has a buffer of its own. */
    arena?: Arena
  } = {},
): Promise<PrepareResult[]> {
  const out: PrepareResult[] = new Array(jobs.length)
  let next = 0
  const run = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      out[i] = await prepareSafely(jobs[i]!, blocking, arena)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, run))
  return out
}

/** Turns the prepared articles' long texts into UTF-8 bytes in one buffer (returned, to be
 * transferred to the writer's thread). */
export function textsAsBytes(results: PrepareResult[]): ArrayBuffer {
  return textsToBytes(results, (r, put) => {
    if (r.kind !== 'parsed') return
    r.parsed.markdown = put(r.parsed.markdown)
    r.parsed.frontMatter = put(r.parsed.frontMatter)
    r.index.body = put(r.index.body)
  })
}

/** An unexpected fault in one file fails that file, never the batch or the worker. */
async function prepareSafely(
  job: PrepareJob,
  blocking: boolean,
  arena: Arena | undefined,
): Promise<PrepareResult> {
  try {
    return await prepareFile(job, blocking, arena)
  } catch (e) {
    return {
      kind: 'fail',
      reason: {
        code: 'read-error',
        params: { detail: e instanceof Error ? e.message : String(e) },
      },
    }
  }
}

export async function prepareFile(
  job: PrepareJob,
  blocking = false,
  arena?: Arena,
): Promise<PrepareResult> {
  let read: { stamp: FileStamp; buf: Buffer | null }
  try {
    read = blocking
      ? readSyncUnlessKnown(job.abs, job.known)
      : await readUnlessKnown(job.abs, job.known)
  } catch (e) {
    return { kind: 'fail', reason: reason(e) }
  }
  const { stamp, buf } = read
  if (buf === null) return { kind: 'unchanged', ...stamp }
  const decoded = decodeFile(buf, basename(job.abs))
  if (decoded.kind === 'skip') return { kind: 'skip', reason: decoded.reason }
  // A UTF-8 file without a BOM or a carriage return is its text's UTF-8 to the byte: the hash and
  // the stored Markdown (the text's end) are taken from the bytes, not encoded again.
  const asRead =
    decoded.encoding === 'utf-8' &&
    decoded.warnings.length === 0 &&
    !(buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) &&
    !buf.includes(13)
  let hash: string, parsed: ParsedArticle
  try {
    hash = createHash('sha256')
      .update(asRead ? buf : decoded.text)
      .digest('hex')
    parsed = parseArticle(decoded.text, job.rel)
  } catch (e) {
    return {
      kind: 'fail',
      reason: {
        code: 'parse-error',
        params: { detail: e instanceof Error ? e.message : String(e) },
      },
    }
  }
  // Local pictures are copied into the media store here, outside the transaction; the writer then
  // records them (the store is content-addressed, so a file written for nothing does no harm).
  // The Markdown is lexed once, for the pictures and for the searchable text.
  const tokens = lexMarkdown(parsed.markdown)
  const site = { root: job.root, rel: job.rel, mediaDir: job.mediaDir }
  const images = await prepareImages(parsed, site, tokens)
  // folded once, for the index and for the story fingerprint (both made here, off the writer)
  const plain = plainTextOf(tokens)
  const folded = normalizeText(plain)
  const index = indexText(parsed.title, plain, folded)
  const story =
    job.clusters === false
      ? null
      : fingerprint(parsed.markdown, folded, DEFAULT_PARAMS, arena && ((n) => arena.take(n)))
  // what the writer would otherwise do in its own thread, per article
  const { frontMatter, annotations } = takeAnnotations(parsed.frontMatter)
  return {
    kind: 'parsed',
    hash,
    parsed: {
      ...parsed,
      frontMatter: JSON.stringify(frontMatter),
      // the body is the text's end (frontmatter.ts cuts the front matter and blank lines off)
      markdown: asRead
        ? buf.subarray(buf.length - Buffer.byteLength(parsed.markdown))
        : parsed.markdown,
    },
    annotations,
    extra: decoded.warnings,
    images,
    index,
    story,
    ...stamp,
  }
}

const stampOf = (st: { size: number; mtimeMs: number }): FileStamp => ({
  size: st.size,
  mtimeMs: Math.trunc(st.mtimeMs),
})
const same = (a: FileStamp, b: FileStamp | undefined) =>
  b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs

/** The file's stamp (fstat of the open file, so it belongs to the bytes read) and its bytes,
 * or null for them when the stamp is the one the archive knows. */
function readSyncUnlessKnown(
  abs: string,
  known: FileStamp | undefined,
): { stamp: FileStamp; buf: Buffer | null } {
  const fd = openSync(abs, 'r')
  try {
    const st = fstatSync(fd)
    const stamp = stampOf(st)
    if (same(stamp, known)) return { stamp, buf: null }
    // as readFileSync reads a regular file: up to the size fstat gave
    const buf = Buffer.allocUnsafe(st.size)
    let n = 0
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null)
      if (got === 0) break
      n += got
    }
    return { stamp, buf: n === buf.length ? buf : buf.subarray(0, n) }
  } finally {
    closeSync(fd)
  }
}

async function readUnlessKnown(
  abs: string,
  known: FileStamp | undefined,
): Promise<{ stamp: FileStamp; buf: Buffer | null }> {
  const handle = await open(abs, 'r')
  try {
    const stamp = stampOf(await handle.stat())
    return { stamp, buf: same(stamp, known) ? null : await handle.readFile() }
  } finally {
    await handle.close()
  }
}
