import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { openArchive, type Archive } from '../db/open'
import { defaultArchivePath } from '../db/location'
import { getArticle } from '../db/articles'
import { listLabels } from '../db/labels'
import { archiveStats } from '../db/stats'
import { importFolders } from '../import/importer'
import { searchArchive } from '../search/search'
import { fetchImages } from '../images/fetch-images'
import type { ImageFetchReport } from '../shared/images'
import { formatArticle, formatImageFetch, formatImport, formatLabels, formatStats } from './format'
import { formatSearch } from './format-search'
import { imageProgressPrinter, progressPrinter } from './progress'
import { serve } from './serve'

export const USAGE = `Usage: lectern <command> [options]

Commands:
  import <folder>...   import Markdown articles (recursively) into the archive
                       [--images: then fetch their remote pictures]
  images fetch         fetch the remote pictures not stored yet (failed ones are retried)
                       [--article ID: of one article only]
  search <query>       search the archive  [--limit N] [--offset N] [--sort relevance|newest|oldest]
  show <id>            print one article
  tags                 list tags, most used first
  stats                archive statistics
  serve                serve the reader in a browser  [--port N] [--host 127.0.0.1] [--allow-import]

Options:
  --db FILE   the archive (default: $LECTERN_DB, else the desktop app's archive)
  --json      print one JSON document
`

export interface Flags {
  db?: string | undefined
  json?: boolean | undefined
  limit?: string | undefined
  offset?: string | undefined
  sort?: string | undefined
  port?: string | undefined
  host?: string | undefined
  'allow-import'?: boolean | undefined
  images?: boolean | undefined
  article?: string | undefined
}

export class CliError extends Error {
  override name = 'CliError'
}

export async function runCommand(command: string, args: string[], flags: Flags): Promise<number> {
  const dbPath = resolveDb(flags.db)
  const out = (value: unknown, human: () => string) =>
    process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`)
  switch (command) {
    case 'import': {
      if (args.length === 0) throw new CliError('import needs at least one folder')
      for (const f of args) if (!existsSync(f)) throw new CliError(`No such folder: ${f}`)
      const db = openArchive(dbPath, { create: true })
      try {
        const bar = flags.json ? null : progressPrinter()
        const ctrl = new AbortController()
        const onSigint = () => ctrl.abort()
        process.once('SIGINT', onSigint)
        const report = await importFolders(db, args, {
          signal: ctrl.signal,
          ...(bar ? { onProgress: bar.update } : {}),
        })
        bar?.end()
        let images: ImageFetchReport | null = null
        if (flags.images && !ctrl.signal.aborted) {
          const ids = [...new Set(report.files.flatMap((f) => (f.id ? [f.id] : [])))]
          images = await fetchWithProgress(db, flags, ctrl.signal, ids)
        }
        process.off('SIGINT', onSigint)
        const { cancelled: stopped, ...rest } = report
        const value = { ...(stopped ? report : rest), ...(images ? { images } : {}) }
        out(value, () =>
          [formatImport(report), ...(images ? [formatImageFetch(images)] : [])].join('\n'),
        )
        return report.failed > 0 || stopped || images?.cancelled ? 1 : 0
      } finally {
        db.close()
      }
    }
    case 'images': {
      if (args[0] !== 'fetch' || args.length > 1) {
        throw new CliError('Usage: lectern images fetch [--article ID] [--db FILE] [--json]')
      }
      const articleId =
        flags.article === undefined ? undefined : intFlag(flags.article, 'article', 0)
      const db = openArchive(dbPath)
      try {
        if (articleId !== undefined && !getArticle(db, articleId)) {
          throw new CliError(`No article with id ${articleId}`)
        }
        const ctrl = new AbortController()
        const onSigint = () => ctrl.abort()
        process.once('SIGINT', onSigint)
        const report = await fetchWithProgress(
          db,
          flags,
          ctrl.signal,
          articleId === undefined ? undefined : [articleId],
        )
        process.off('SIGINT', onSigint)
        out(report, () => formatImageFetch(report))
        return report.cancelled ? 1 : 0
      } finally {
        db.close()
      }
    }
    case 'show': {
      const id = Number(args[0])
      if (!Number.isInteger(id) || id < 1) throw new CliError('show needs an article id (a number)')
      return withDb(dbPath, (db) => {
        const a = getArticle(db, id)
        if (!a) throw new CliError(`No article with id ${id}`)
        out(a, () => formatArticle(a))
        return 0
      })
    }
    case 'tags':
      return withDb(dbPath, (db) => {
        const tags = listLabels(db, 'tag')
        out(tags, () => formatLabels(tags))
        return 0
      })
    case 'stats':
      return withDb(dbPath, (db) => {
        const s = archiveStats(db)
        out(s, () => formatStats(s))
        return 0
      })
    case 'search': {
      const query = args.join(' ')
      return withDb(dbPath, (db) => {
        const result = searchArchive(db, {
          query,
          limit: intFlag(flags.limit, 'limit', 20),
          offset: intFlag(flags.offset, 'offset', 0),
          sort: sortFlag(flags.sort),
        })
        out(result, () => formatSearch(result))
        return 0
      })
    }
    case 'serve':
      return serve({
        db: flags.db,
        port: intFlag(flags.port, 'port', 4310),
        host: flags.host ?? '127.0.0.1',
        allowImport: flags['allow-import'] ?? false,
      })
    default:
      throw new CliError(`Unknown command "${command}". Run lectern --help.`)
  }
}

async function fetchWithProgress(
  db: Archive,
  flags: Flags,
  signal: AbortSignal,
  articleIds: number[] | undefined,
): Promise<ImageFetchReport> {
  const bar = flags.json ? null : imageProgressPrinter()
  try {
    return await fetchImages(db, { articleIds, signal, ...(bar ? { onProgress: bar.update } : {}) })
  } finally {
    bar?.end()
  }
}

function resolveDb(flag: string | undefined): string {
  return flag ? resolve(flag) : defaultArchivePath()
}

function withDb(path: string, fn: (db: Archive) => number): number {
  const db = openArchive(path)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

function intFlag(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} must be a whole number`)
  return n
}

function sortFlag(v: string | undefined): 'relevance' | 'newest' | 'oldest' {
  if (v === undefined) return 'relevance'
  if (v === 'relevance' || v === 'newest' || v === 'oldest') return v
  throw new CliError('--sort must be relevance, newest or oldest')
}
