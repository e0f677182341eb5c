import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { appRoot } from '../app-root'
import { openArchive } from '../db/open'
import { defaultArchivePath, userDataDir } from '../db/location'
import { importFolders } from '../import/importer'
import type { LecternEvents, PrivateHosts } from '../shared/api'
import { ArchiveService, type ServiceOptions } from './service'
import { useExtension } from '../db/extension'

/** The bundled sample: beside the app's resources when packaged, in the checkout otherwise. */
function sampleFolder(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, 'sample'))) return join(packaged, 'sample')
  return join(appRoot(), 'resources', 'sample')
}

const EXT = { darwin: 'dylib', win32: 'dll' }[process.platform as string] ?? 'so'

/** Lectern's SQLite extension (native/lectern_rank.c and lectern_tokens.c, built by
 * bin/build-rank.js: search ranking, ids as binary, the index's tokenizer): beside the app's
 * resources when packaged, in the checkout otherwise; null when it was not built. */
export function rankExtensionFile(): string | null {
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  const candidates = [
    ...(packaged ? [join(packaged, 'native', `lectern_rank.${EXT}`)] : []),
    join(appRoot(), 'native', 'build', `lectern_rank.${EXT}`),
  ]
  return candidates.find((f) => existsSync(f)) ?? null
}

export interface OpenServiceOptions {
  /** An explicit archive (--db); created when missing. Without it: $LECTERN_DB or the default. */
  db?: string | undefined
  canImport: boolean
  /** Downloads from private addresses (default `refused`). */
  privateHosts?: PrivateHosts | undefined
  /** With no archive yet: show the bundled sample (the app, default) or not (the CLI). */
  sample?: boolean
  /** Create a missing archive (default); the CLI's reading commands say it is missing instead. */
  create?: boolean
  nativeBinding?: string | undefined
  /** Where the bundled sample's archive is kept (default: beside the user's archive). */
  sampleDir?: string
  pickFolders?: () => Promise<string[] | null>
  pickExportTarget?: ServiceOptions['pickExportTarget']
  printPdf?: ServiceOptions['printPdf']
  emit?: <E extends keyof LecternEvents>(event: E, data: LecternEvents[E]) => void
}

/**
 * Opens the archive the user asked for. With no archive yet (no --db, no $LECTERN_DB, nothing at
 * the default place), the bundled sample is shown instead, built once from resources/sample, so
 * a first start shows something to read; the first import then creates the user's own archive.
 */
export async function openService(opts: OpenServiceOptions): Promise<ArchiveService> {
  useExtension(rankExtensionFile(), opts.nativeBinding)
  const explicit = opts.db ?? process.env.LECTERN_DB
  const userPath = explicit ? resolve(explicit) : defaultArchivePath()
  const { canImport, privateHosts, nativeBinding, emit, pickFolders } = opts
  const { pickExportTarget, printPdf } = opts
  const base = {
    canImport,
    privateHosts,
    nativeBinding,
    emit,
    ...(pickFolders ? { pickFolders } : {}),
    ...(pickExportTarget ? { pickExportTarget } : {}),
    ...(printPdf ? { printPdf } : {}),
  }
  if (explicit || existsSync(userPath) || opts.sample === false) {
    const create = opts.create ?? true
    const db = openArchive(userPath, { create, nativeBinding: opts.nativeBinding })
    return new ArchiveService({ ...base, db, path: userPath })
  }
  const samplePath = join(opts.sampleDir ?? userDataDir(), 'sample.db')
  const db = openArchive(samplePath, { create: true, nativeBinding: opts.nativeBinding })
  // Idempotent and quick (a dozen files): also repairs a sample left half-built.
  await importFolders(db, [sampleFolder()])
  return new ArchiveService({ ...base, db, path: samplePath, sample: true, userPath })
}
