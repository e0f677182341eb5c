import type { Article, FileStatus, ImportReport, LabelCount, Stats } from '../shared/types'
import { FILE_STATUSES } from '../shared/types'
import type { ImageFetchReport } from '../shared/images'
import { describeEn } from '../shared/messages-en'
import { plural } from './plural'
import { eachFile } from '../import/report'

export function formatImport(r: ImportReport): string {
  const lines = [
    `Scanned ${plural(r.scanned, 'file')}: ${r.imported} imported, ${r.updated} updated, ` +
      `${r.moved ? `${r.moved} moved, ` : ''}` +
      `${r.unchanged} unchanged, ${r.duplicates} duplicates, ${r.skipped} skipped, ${r.failed} failed.`,
    ...(r.editedFieldsKept ? [`Edited fields kept: ${r.editedFieldsKept}.`] : []),
  ]
  const a = r.annotations
  if (a.kept + a.moved + a.orphaned > 0) {
    lines.push(
      `Highlights: ${a.kept} kept, ${a.moved} moved, ${a.orphaned} orphaned (kept, not placed).`,
    )
  }
  if (r.cancelled) lines.push('Cancelled: the files not reached were left for the next import.')
  // one pass over the files, without making the report's list of a million objects
  const listed = new Map<FileStatus, string[]>([
    ['failed', []],
    ['skipped', []],
  ])
  const warnedLines: string[] = []
  let warned = 0
  for (const f of eachFile(r)) {
    listed.get(f.status)?.push(`  ${f.status}: ${f.path} — ${f.error ? describeEn(f.error) : ''}`)
    if (f.warnings.length > 0 && warned++ < 50) {
      warnedLines.push(`  ${f.path}: ${f.warnings.map(describeEn).join('; ')}`)
    }
  }
  for (const status of FILE_STATUSES) for (const line of listed.get(status) ?? []) lines.push(line)
  if (warned > 0) {
    lines.push(`${plural(warned, 'file')} with warnings:`, ...warnedLines)
    if (warned > 50) lines.push(`  … and ${warned - 50} more (use --json for all)`)
  }
  return lines.join('\n')
}

export function formatArticle(a: Article): string {
  const head = [
    a.title,
    [a.date ?? 'undated', a.sourceName, a.lang].filter(Boolean).join(' · '),
    a.sourceUrl ?? '',
    a.tags.length ? `tags: ${a.tags.join(', ')}` : '',
    a.categories.length ? `categories: ${a.categories.join(', ')}` : '',
    a.author ? `by ${a.author}` : '',
    a.edited?.length ? `edited: ${a.edited.join(', ')}` : '',
    a.trashed ? 'in the trash' : '',
    a.sourceMissing ? 'source file missing' : '',
    a.revisions ? `revisions: ${a.revisions + 1} (lectern revisions ${a.id})` : '',
  ].filter(Boolean)
  return `${head.join('\n')}\n\n${a.markdown.trim()}\n`
}

export function formatLabels(rows: LabelCount[]): string {
  if (rows.length === 0) return 'No tags yet.'
  const width = Math.max(...rows.map((r) => String(r.count).length))
  return rows.map((r) => `${String(r.count).padStart(width)}  ${r.name}`).join('\n')
}

export function formatStats(s: Stats): string {
  const langs = Object.entries(s.languages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  return [
    `Articles:   ${s.articles}`,
    `Tags:       ${s.tags}`,
    `Categories: ${s.categories}`,
    `Languages:  ${langs || '—'}`,
    `Dates:      ${s.oldest ?? '—'} … ${s.newest ?? '—'}`,
    `Size:       ${mb(s.bytes)}`,
    `Images:     ${s.images.stored} stored (${mb(s.images.bytes)}), ${s.images.missing} missing, ` +
      `${s.images.failed} failed`,
  ].join('\n')
}

export function formatImageFetch(r: ImageFetchReport): string {
  if (r.total === 0) return 'No pictures to fetch: every known picture is stored.'
  const lines = [
    `Tried ${plural(r.total, 'picture')}: ${r.stored} stored (${mb(r.bytes)}), ` +
      `${r.failed} failed.`,
  ]
  if (r.cancelled) lines.push('Cancelled: the pictures not reached are fetched next time.')
  for (const f of r.failures.slice(0, 50)) lines.push(`  failed: ${f.url} — ${describeEn(f.error)}`)
  if (r.failures.length > 50) {
    lines.push(`  … and ${r.failures.length - 50} more (use --json for all)`)
  }
  if (r.failed > 0)
    lines.push('Failed pictures are tried again by the next `lectern images fetch`.')
  return lines.join('\n')
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
