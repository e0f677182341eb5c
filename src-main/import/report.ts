import { FILE_STATUSES, type ImportFileResult, type ImportReport } from '../shared/types'

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
    this.#status[i] = FILE_STATUSES.indexOf(status) | (sameDup ? 0x80 : 0)
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
      status: FILE_STATUSES[code & 0x7f]!,
      warnings: [],
    }
    if (!Number.isNaN(id)) f.id = id
    if (code & 0x80) f.duplicateOf = id
    const rest = this.#rest.get(i)
    return rest === undefined ? f : Object.assign(f, JSON.parse(rest) as Partial<ImportFileResult>)
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

const COUNTER = {
  imported: 'imported',
  updated: 'updated',
  moved: 'moved',
  unchanged: 'unchanged',
  duplicate: 'duplicates',
  skipped: 'skipped',
  failed: 'failed',
} as const

/** Adds one file's result: every file lands in exactly one counter. */
export function tally(report: ImportReport, r: ImportFileResult): void {
  const list = compact.get(report)
  if (list) list.push(r)
  else report.files.push(r)
  report.scanned++
  report[COUNTER[r.status]]++
  if (r.annotations) {
    report.annotations.kept += r.annotations.kept
    report.annotations.moved += r.annotations.moved
    report.annotations.orphaned += r.annotations.orphaned
  }
  report.editedFieldsKept += r.editedFieldsKept ?? 0
}
