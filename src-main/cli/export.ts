import { resolve } from 'node:path'
import { EXPORT_FORMATS, type ExportFormat, type ExportSelection } from '../shared/export'
import { EXPORT_FORMATS as REFERENCE_FORMATS } from '../shared/annotations'
import { openCli } from './client'
import { UsageError, type FlagTable } from './flags'
import { plural } from './plural'
import { exportProgressPrinter } from './progress'

// `lectern export`: which articles (one selection flag), into what, where. A new way to select
// is one row in SELECTIONS and one flag in EXPORT_FLAGS; a new format (csl-json,
// ris, bibtex) is one entry in EXPORT_FORMATS, which the --format choices follow.

export const EXPORT_FLAGS = {
  format: {
    kind: 'choice',
    choices: EXPORT_FORMATS,
    help: 'what to write: a Markdown folder, one HTML, EPUB or PDF file',
  },
  ids: { kind: 'string', value: '1,2,…', help: 'these articles' },
  query: { kind: 'string', value: 'QUERY', help: 'the matches of a search' },
  collection: { kind: 'string', value: 'NAME', help: 'a collection, in its own order' },
  all: { kind: 'boolean', help: 'the whole archive' },
  out: { kind: 'string', value: 'PATH', help: 'the folder (markdown) or file to write' },
  title: { kind: 'string', value: 'TEXT', help: 'the title of an HTML, EPUB or PDF export' },
} as const satisfies FlagTable

interface ExportFlags {
  db: string | undefined
  json: boolean
  format: ExportFormat | undefined
  ids: string | undefined
  query: string | undefined
  collection: string | undefined
  all: boolean
  out: string | undefined
  title: string | undefined
}

const SELECTIONS: { flag: string; from(f: ExportFlags): ExportSelection | null }[] = [
  { flag: '--ids', from: (f) => (f.ids === undefined ? null : { ids: idList(f.ids) }) },
  { flag: '--query', from: (f) => (f.query === undefined ? null : { query: f.query }) },
  {
    flag: '--collection',
    from: (f) => (f.collection === undefined ? null : { collection: f.collection }),
  },
  { flag: '--all', from: (f) => (f.all ? { all: true } : null) },
]

function idList(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim())
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1 || !Number.isSafeInteger(Number(p)))) {
    throw new UsageError(`--ids must be article ids separated by commas (1,2,3), not "${text}".`)
  }
  return parts.map(Number)
}

type Print = (value: unknown, human: () => string) => void

export async function runExport(flags: ExportFlags, words: string[], print: Print) {
  if (words.length > 0) throw new UsageError(`lectern export takes no words (got "${words[0]}").`)
  if (!flags.format) {
    throw new UsageError(`lectern export needs --format ${EXPORT_FORMATS.join('|')}.`)
  }
  const chosen = SELECTIONS.map((s) => ({ flag: s.flag, sel: s.from(flags) })).filter(
    (s) => s.sel !== null,
  )
  const names = SELECTIONS.map((s) => s.flag).join(', ')
  if (chosen.length !== 1) {
    throw new UsageError(
      chosen.length === 0
        ? `lectern export needs which articles: one of ${names}.`
        : `Give one of ${names}, not ${chosen.map((c) => c.flag).join(' and ')}.`,
    )
  }
  const refs = REFERENCE_FORMATS.find((f) => f === flags.format)
  if (!flags.out && refs) {
    // References are text a script may pipe on: without --out they go to standard output.
    const cli = await openCli({ db: flags.db, create: false })
    try {
      const sel = chosen[0]!.sel!
      if ('all' in sel)
        throw new UsageError(`lectern export --format ${refs} needs --ids or --query.`)
      const r = await cli.call('exportReferences', { format: refs, ...sel })
      if (flags.json) print(r, () => '')
      else process.stdout.write(r.text)
      return 0
    } finally {
      cli.close()
    }
  }
  if (!flags.out) throw new UsageError('lectern export needs --out PATH.')
  const cli = await openCli({ db: flags.db, create: false })
  const onInterrupt = () => void cli.call('cancelExport').catch(() => {})
  process.once('SIGINT', onInterrupt)
  const bar = flags.json ? null : exportProgressPrinter()
  if (bar) cli.on.exportProgress = bar.update
  try {
    const report = await cli.call('exportArticles', {
      format: flags.format,
      selection: chosen[0]!.sel!,
      out: resolve(flags.out),
      ...(flags.title ? { title: flags.title } : {}),
    })
    print(report, () =>
      report.cancelled
        ? 'Export cancelled; nothing was written.'
        : [
            `Exported ${plural(report.articles, 'article')} to ${report.out}`,
            report.pictures ? `  ${report.pictures} pictures included` : '',
            report.missingPictures
              ? `  ${report.missingPictures} pictures not in the archive (their text is shown instead)`
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
    )
    return report.cancelled ? 1 : 0
  } finally {
    bar?.end()
    process.off('SIGINT', onInterrupt)
    cli.close()
  }
}
