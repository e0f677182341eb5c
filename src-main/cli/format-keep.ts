import type {
  BackupReport,
  BulkResult,
  CheckReport,
  RevisionInfo,
  WatchBatchEvent,
} from '../shared/types'

// Human output of the keeping commands (the --json output is the contract's value as is).

export function formatWatchBatch(b: WatchBatchEvent): string {
  const r = b.report
  const parts = [
    `${r.imported} new`,
    `${r.updated} updated`,
    r.moved ? `${r.moved} moved` : '',
    b.missing ? `${b.missing} source files missing` : '',
    r.skipped ? `${r.skipped} skipped` : '',
    r.failed ? `${r.failed} failed` : '',
    r.editedFieldsKept ? `${r.editedFieldsKept} edited fields kept` : '',
  ].filter(Boolean)
  // the catch-up as watching begins looks at every file: say how many were as they were
  if (b.catchUp) parts.push(`${r.unchanged} unchanged`)
  const what = b.catchUp ? ' (caught up)' : ''
  return `${new Date().toLocaleTimeString()} ${b.folder}${what}: ${parts.join(', ')}`
}

export function formatBulk(done: string, r: BulkResult, selected: number): string {
  const undo = r.undoId ? ' (undo in the app, or right after with the Undo button)' : ''
  return `${done}: ${r.changed} of ${selected} articles changed${r.changed ? undo : ''}.`
}

export function formatRevisions(list: RevisionInfo[]): string {
  return list
    .map(
      (r) =>
        `${String(r.revision).padStart(3)}  ${r.date}  ${r.hash.slice(0, 12)}  ${r.title}` +
        `${r.current ? '  (current)' : ''}`,
    )
    .join('\n')
}

export function formatBackup(file: string, r: BackupReport): string {
  return (
    `Backed up ${r.articles} articles (${(r.bytes / 1e6).toFixed(1)} MB) and ${r.media} ` +
    `pictures to ${file}; the copy passed integrity_check.`
  )
}

export function formatCheck(r: CheckReport, fix: boolean): string {
  const lines = [
    `Integrity:    ${r.integrity.ok ? 'ok' : `${r.integrity.problems.length} problems`}` +
      `${r.integrity.repaired ? ' (repaired)' : ''}`,
    ...r.integrity.problems.slice(0, 20).map((p) => `  ${p}`),
    `Search index: ${r.searchIndex.ok ? 'ok' : `${r.searchIndex.missing} missing, ${r.searchIndex.extra} extra`}` +
      `${r.searchIndex.rebuilt ? ' (rebuilt)' : ''}`,
    ...(r.searchIndex.canAddPairs
      ? [
          '  Made before common Chinese words were indexed as pairs: --fix rebuilds it with them,',
          '  and searches for those words get faster (it reads every article again).',
        ]
      : []),
    `Pictures:     ${r.pictures.unused} unused, ${r.pictures.missing} missing` +
      (fix
        ? ` (${r.pictures.removed} removed, ${r.pictures.markedMissing} marked to fetch again)`
        : ''),
    r.ok ? 'All well.' : fix ? 'Some problems could not be repaired.' : 'Run with --fix to repair.',
  ]
  return lines.join('\n')
}
