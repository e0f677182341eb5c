import type { ImportFileResult, ImportReport } from '../shared/types'

export function emptyReport(): ImportReport {
  return {
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

// A report lists every file, a million of them at most: each entry is kept small. Results without
// warnings share one empty list, and the path gets a string of its own: taken from the scan, it
// was a slice that kept the whole absolute path alive with it.
const NO_WARNINGS: ImportFileResult['warnings'] = Object.freeze([]) as never

/** Adds one file's result: every file lands in exactly one counter. */
export function tally(report: ImportReport, r: ImportFileResult): void {
  if (r.warnings.length === 0) r.warnings = NO_WARNINGS
  r.path = Buffer.from(r.path).toString()
  report.files.push(r)
  report.scanned++
  report[COUNTER[r.status]]++
  if (r.annotations) {
    report.annotations.kept += r.annotations.kept
    report.annotations.moved += r.annotations.moved
    report.annotations.orphaned += r.annotations.orphaned
  }
  report.editedFieldsKept += r.editedFieldsKept ?? 0
}
