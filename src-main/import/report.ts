import {
  FILE_STATUSES,
  STATUS_COUNTS,
  type FileStatus,
  type ImportFileResult,
  type ImportFilesPage,
  type ImportReport,
  type ReportFilter,
} from '../shared/types'

// a file's status byte: its status's index in FILE_STATUSES, and flags
const STATUS = 0x0f
const ERRED = 0x20
const WARNED = 0x40
// a duplicate whose duplicateOf is its id
const SAME_DUP = 0x80

interface FileKind {
  status: FileStatus
  warned: boolean
  erred: boolean
}

/**
 * Every file's result, a million of them at most, kept as numbers and bytes instead of objects:
 * the path's UTF-8 bytes end to end, the status as a byte, the id as a number, and only what a
 * clean file lacks (warnings, reasons, highlights, edited fields) as a small JSON string. As
 * objects they took about 330 bytes a file, 330 MB of heap at 1,000,000 held to the end of the
 * import; this takes about 60. A report's `files` is made from it only when someone reads it.
 */
class FileList {
  #bytes = Buffer.allocUnsafe(1 << 16)
  #used = 0
  // end of each path in #bytes (a float: more than 4 GB of paths stays exact)
  #ends = new Float64Array(1024)
  #ids = new Float64Array(1024)
  #status = new Uint8Array(1024)
  #rest = new Map<number, string>()
  length = 0

  push(r: ImportFileResult): void {
    const i = this.length
    if (i === this.#status.length) this.#growRows()
    const need = Buffer.byteLength(r.path)
    if (this.#used + need > this.#bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + need))
      this.#bytes.copy(bigger, 0, 0, this.#used)
      this.#bytes = bigger
    }
    this.#used += this.#bytes.write(r.path, this.#used, 'utf8')
    this.#ends[i] = this.#used
    this.#ids[i] = r.id ?? NaN
    const { path: _p, status, id, duplicateOf, warnings, ...more } = r
    // a duplicate's duplicateOf is its id: one bit instead of a JSON string
    const sameDup = duplicateOf !== undefined && duplicateOf === id
    this.#status[i] =
      FILE_STATUSES.indexOf(status) |
      (sameDup ? SAME_DUP : 0) |
      (warnings.length > 0 ? WARNED : 0) |
      (r.error ? ERRED : 0)
    const rest: Partial<ImportFileResult> = { ...more }
    if (warnings.length > 0) rest.warnings = warnings
    if (duplicateOf !== undefined && !sameDup) rest.duplicateOf = duplicateOf
    const json = JSON.stringify(rest)
    if (json !== '{}') this.#rest.set(i, json)
    this.length++
  }

  at(i: number): ImportFileResult {
    const code = this.#status[i]!
    const id = this.#ids[i]!
    const f: ImportFileResult = {
      path: this.#bytes.toString('utf8', i === 0 ? 0 : this.#ends[i - 1], this.#ends[i]),
      status: FILE_STATUSES[code & STATUS]!,
      warnings: [],
    }
    if (!Number.isNaN(id)) f.id = id
    if (code & SAME_DUP) f.duplicateOf = id
    const rest = this.#rest.get(i)
    return rest === undefined ? f : Object.assign(f, JSON.parse(rest) as Partial<ImportFileResult>)
  }

  /** What the report's filters look at, without making the file's object. */
  kind(i: number): FileKind {
    const code = this.#status[i]!
    return {
      status: FILE_STATUSES[code & STATUS]!,
      warned: (code & WARNED) !== 0,
      erred: (code & ERRED) !== 0,
    }
  }

  #growRows(): void {
    const n = this.#status.length * 2
    const ends = new Float64Array(n)
    ends.set(this.#ends)
    this.#ends = ends
    const ids = new Float64Array(n)
    ids.set(this.#ids)
    this.#ids = ids
    const status = new Uint8Array(n)
    status.set(this.#status)
    this.#status = status
  }
}

// A report whose `files` has not been read yet, and its compact list.
const compact = new WeakMap<ImportReport, FileList>()

/**
 * An empty report. Its `files` is an ordinary array to whoever reads it (JSON, IPC, tests): made
 * from the compact list on the first read, and a plain property from then on.
 */
export function emptyReport(): ImportReport {
  const report: ImportReport = {
    scanned: 0,
    imported: 0,
    updated: 0,
    moved: 0,
    unchanged: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
    editedFieldsKept: 0,
    cancelled: false,
    files: [],
    annotations: { kept: 0, moved: 0, orphaned: 0 },
  }
  const list = new FileList()
  compact.set(report, list)
  const settle = (files: ImportFileResult[]) => {
    compact.delete(report)
    Object.defineProperty(report, 'files', {
      value: files,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  Object.defineProperty(report, 'files', {
    enumerable: true,
    configurable: true,
    get: () => {
      const files = Array.from({ length: list.length }, (_, i) => list.at(i))
      settle(files)
      return files
    },
    set: settle,
  })
  return report
}

/** How many files a report lists, without making its `files`. */
export function fileCount(report: ImportReport): number {
  return compact.get(report)?.length ?? report.files.length
}

/** Each file of a report in order, one at a time, without making the whole `files` list. */
export function* eachFile(report: ImportReport): Generator<ImportFileResult> {
  const list = compact.get(report)
  if (!list) {
    yield* report.files
    return
  }
  for (let i = 0; i < list.length; i++) yield list.at(i)
}

/** Adds one file's result: every file lands in exactly one counter. */
export function tally(report: ImportReport, r: ImportFileResult): void {
  const list = compact.get(report)
  if (list) list.push(r)
  else report.files.push(r)
  report.scanned++
  report[STATUS_COUNTS[r.status]]++
  if (r.annotations) {
    report.annotations.kept += r.annotations.kept
    report.annotations.moved += r.annotations.moved
    report.annotations.orphaned += r.annotations.orphaned
  }
  report.editedFieldsKept += r.editedFieldsKept ?? 0
}

/** Files worth a look in the report: a warning, a failure, or anything but a plain import. */
const notable = (k: FileKind) =>
  k.warned ||
  k.erred ||
  !(k.status === 'imported' || k.status === 'updated' || k.status === 'unchanged')

function keeps(filter: ReportFilter, k: FileKind): boolean {
  if (filter === 'notable') return notable(k)
  if (filter === 'warnings') return k.warned
  return k.status === filter
}

// Each finished report's files by filter, as positions: made on the first page asked for, so a
// page deep in a million files costs no scan of the ones before it.
const pages = new WeakMap<ImportReport, Map<ReportFilter, Int32Array>>()

function positions(report: ImportReport, filter: ReportFilter): Int32Array {
  let byFilter = pages.get(report)
  if (!byFilter) pages.set(report, (byFilter = new Map()))
  let at = byFilter.get(filter)
  if (at) return at
  const list = compact.get(report)
  const n = fileCount(report)
  const kind = list
    ? (i: number) => list.kind(i)
    : (i: number) => {
        const f = report.files[i]!
        return { status: f.status, warned: f.warnings.length > 0, erred: f.error !== undefined }
      }
  const keep = new Int32Array(n)
  let kept = 0
  for (let i = 0; i < n; i++) if (keeps(filter, kind(i))) keep[kept++] = i
  at = keep.slice(0, kept)
  byFilter.set(filter, at)
  return at
}

/**
 * A page of a finished report's files (its list must not grow after the first page is asked
 * for). Read from the compact list when the report has one: `files` is never made whole.
 */
export function reportPage(
  report: ImportReport,
  filter: ReportFilter,
  offset: number,
  limit: number,
): ImportFilesPage {
  const at = positions(report, filter)
  const list = compact.get(report)
  const file = (i: number) => (list ? list.at(i) : report.files[i]!)
  return {
    total: at.length,
    files: Array.from(at.subarray(offset, offset + limit), file),
    notable: positions(report, 'notable').length,
    warnings: positions(report, 'warnings').length,
    scanned: report.scanned,
  }
}

/** The report with an empty `files` (made without reading it: that would make the whole list). */
export function withoutFiles(report: ImportReport): ImportReport {
  const out = {} as Record<string, unknown>
  for (const k of Object.keys(report) as (keyof ImportReport)[]) {
    out[k] = k === 'files' ? [] : report[k]
  }
  return out as unknown as ImportReport
}
