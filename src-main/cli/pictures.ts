import type { ImageFetchReport } from '../shared/images'
import type { ImportReport } from '../shared/types'
import { CliError, openCli, type CliClient } from './client'
import { formatImageFetch, formatImport } from './format'
import { imageProgressPrinter, progressPrinter } from './progress'
import { eachFile } from '../import/report'
import { reportJson } from './report-json'

// The two long commands: an import (optionally followed by its pictures) and a picture fetch.
// Both show progress from the service's events and stop cleanly on Ctrl+C through the contract.

export interface LongRunFlags {
  db: string | undefined
  json: boolean
  'allow-private-hosts': boolean
}

type Print = (value: unknown, human: () => string) => void

export async function runImport(
  folders: string[],
  flags: LongRunFlags & { images: boolean },
  print: Print,
): Promise<number> {
  if (folders.length === 0) throw new CliError('lectern import needs at least one folder.', 2)
  const cli = await openCli({
    db: flags.db,
    create: true,
    allowPrivateHosts: flags['allow-private-hosts'],
  })
  let cancelled = false
  const stop = whileRunning(() => {
    cancelled = true
    void cli.call('cancelImport').catch(() => {})
    void cli.call('cancelFetchImages').catch(() => {})
  })
  try {
    const bar = flags.json ? null : progressPrinter()
    if (bar) cli.on.importProgress = bar.update
    let report: ImportReport
    try {
      report = await cli.call('importFolders', { folders })
    } finally {
      bar?.end()
    }
    let images: ImageFetchReport | null = null
    if (flags.images && !cancelled && !report.cancelled) {
      const ids = new Set<number>()
      for (const f of eachFile(report)) if (f.id) ids.add(f.id)
      images = await fetchWithProgress(cli, flags.json, { articleIds: [...ids] })
    }
    if (flags.json) for (const chunk of reportJson(report, images)) process.stdout.write(chunk)
    else
      print(null, () =>
        [formatImport(report), ...(images ? [formatImageFetch(images)] : [])].join('\n'),
      )
    return report.failed > 0 || report.cancelled || images?.cancelled ? 1 : 0
  } finally {
    stop()
    cli.close()
  }
}

export async function runImagesFetch(
  flags: LongRunFlags & { article: number | undefined },
  print: Print,
): Promise<number> {
  const cli = await openCli({
    db: flags.db,
    create: false,
    allowPrivateHosts: flags['allow-private-hosts'],
  })
  const stop = whileRunning(() => void cli.call('cancelFetchImages').catch(() => {}))
  try {
    const args = flags.article === undefined ? {} : { articleId: flags.article }
    const report = await fetchWithProgress(cli, flags.json, args)
    print(report, () => formatImageFetch(report))
    return report.cancelled ? 1 : 0
  } finally {
    stop()
    cli.close()
  }
}

async function fetchWithProgress(
  cli: CliClient,
  json: boolean,
  args: { articleId?: number; articleIds?: number[] },
): Promise<ImageFetchReport> {
  const bar = json ? null : imageProgressPrinter()
  if (bar) cli.on.imageProgress = bar.update
  try {
    return await cli.call('fetchImages', args)
  } finally {
    bar?.end()
  }
}

/** Ctrl+C asks the service to stop; the report of what was done is still printed. */
function whileRunning(onInterrupt: () => void): () => void {
  process.once('SIGINT', onInterrupt)
  return () => process.off('SIGINT', onInterrupt)
}
