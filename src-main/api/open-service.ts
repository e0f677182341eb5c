import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot } from '../app-root'
import { openArchive } from '../db/open'
import { defaultArchivePath, userDataDir } from '../db/location'
import { importFolders } from '../import/importer'
import type { LecternEvents } from '../shared/api'
import { ArchiveService, type ServiceOptions } from './service'

/** The bundled sample: beside the app's resources when packaged, in the checkout otherwise. */
function sampleFolder(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath
  if (packaged && existsSync(join(packaged, 'sample'))) return join(packaged, 'sample')
  return join(appRoot(), 'resources', 'sample')
}

export interface OpenServiceOptions {
  /** An explicit archive (--db); created when missing. Without it: $LECTERN_DB or the default. */
  db?: string | undefined
  canImport: boolean
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
  const explicit = opts.db ?? process.env.LECTERN_DB
  const userPath = explicit || defaultArchivePath()
  const { canImport, nativeBinding, emit, pickFolders, pickExportTarget, printPdf } = opts
  const base = {
    canImport,
    nativeBinding,
    emit,
    ...(pickFolders ? { pickFolders } : {}),
    ...(pickExportTarget ? { pickExportTarget } : {}),
    ...(printPdf ? { printPdf } : {}),
  }
  if (explicit || existsSync(userPath)) {
    const db = openArchive(userPath, { create: true, nativeBinding: opts.nativeBinding })
    return new ArchiveService({ ...base, db, path: userPath })
  }
  const samplePath = join(opts.sampleDir ?? userDataDir(), 'sample.db')
  const db = openArchive(samplePath, { create: true, nativeBinding: opts.nativeBinding })
  // Idempotent and quick (a dozen files): also repairs a sample left half-built.
  await importFolders(db, [sampleFolder()])
  return new ArchiveService({ ...base, db, path: samplePath, sample: true, userPath })
}
