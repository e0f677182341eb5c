import { copyFile, link, mkdir, rename, rm, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Archive } from '../db/open'
import { mediaDirOf, mediaFile } from '../images/store'
import { extOfMime } from '../shared/images'
import type { BackupReport } from '../shared/types'
import { LecternError } from '../shared/errors'
import type { BackupFailure } from '../shared/problems'

const failed = (file: string, reason: BackupFailure, detail?: string) =>
  new LecternError('backup-failed', { file, reason, ...(detail ? { detail } : {}) })
import { inspectCopy, recordBackup } from '../db/backups'

export interface BackupOptions {
  /** Overwrite an existing file (the CLI asks first). */
  replace?: boolean
  /** better-sqlite3 binary for opening the copy to verify it (Electron's ABI). */
  nativeBinding?: string | undefined
}

/**
 * A consistent copy of an archive in use. SQLite's online backup copies pages while other
 * connections (the app, `serve`, an import in another process) keep writing; a write by another
 * connection restarts the copy, so after the first step the rest is copied in one step, which
 * holds one read transaction: the copy is one committed state, whole import batches only.
 * The picture store is copied beside it (hard links where the file system allows: the files are
 * named by their content and never rewritten in place), then the copy is opened and checked
 * before the backup is reported done.
 */
export async function backupArchive(
  db: Archive,
  file: string,
  opts: BackupOptions = {},
): Promise<BackupReport> {
  const dest = resolve(file)
  if (dest === resolve(db.name)) throw failed(dest, 'is-archive')
  if (existsSync(dest) && !opts.replace) throw failed(dest, 'exists')
  await mkdir(dirname(dest), { recursive: true })
  const tmp = `${dest}.part`
  await rm(tmp, { force: true })
  try {
    await db.backup(tmp, { progress: ({ totalPages }) => Math.max(totalPages, 100) })
    const held = inspectCopy(tmp, opts.nativeBinding)
    if (held.integrity !== 'ok') {
      throw failed(dest, 'integrity', held.integrity)
    }
    if (held.texts !== held.articles) throw failed(dest, 'texts-lost')
    const articles = held.articles
    const media = await copyMedia(held.media, mediaDirOf(db), `${dest}.media`, dest)
    await rm(dest, { force: true })
    await rename(tmp, dest)
    const bytes = (await stat(dest)).size
    if (!db.readonly)
      recordBackup(db, { file: dest, articles, bytes, media }, new Date().toISOString())
    return { articles, bytes, media, verified: true }
  } finally {
    await rm(tmp, { force: true })
  }
}

/** Copies the pictures the copy knows of; one missing from the store fails the backup. */
async function copyMedia(
  rows: { hash: string; mime: string }[],
  from: string,
  to: string,
  dest: string,
): Promise<number> {
  let n = 0
  for (const r of rows) {
    const ext = extOfMime(r.mime)
    if (!ext) continue
    const src = mediaFile(from, r.hash, ext)
    const dst = mediaFile(to, r.hash, ext)
    if (existsSync(dst)) {
      n++
      continue
    }
    await mkdir(dirname(dst), { recursive: true })
    try {
      await link(src, dst)
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code
      if (code === 'ENOENT') {
        throw failed(dest, 'picture-missing', src)
      }
      // Another disk (EXDEV), or a file system without hard links (EPERM, ENOTSUP): copy.
      await copyFile(src, dst)
    }
    n++
  }
  return n
}
