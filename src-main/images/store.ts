import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync } from 'node:fs'
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Archive } from '../db/open'
import type { MediaExt } from '../shared/images'

// The media store: a folder beside the archive file, each picture named by the sha256 of its
// bytes, so the same picture is kept once however many articles use it.

let memoryDir: string | null = null

/** `<archive>.media`; an in-memory archive (tests) gets one temporary folder per process. */
export function mediaDirOf(db: Archive): string {
  if (db.name && db.name !== ':memory:') return `${db.name}.media`
  memoryDir ??= mkdtempSync(join(tmpdir(), 'lectern-media-'))
  return memoryDir
}

/** `ab/cdef….ext`: 256 subfolders keep folder listings short at hundreds of thousands. */
export function mediaFile(dir: string, hash: string, ext: MediaExt): string {
  return join(dir, hash.slice(0, 2), `${hash.slice(2)}.${ext}`)
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Writes a picture unless it is already there; a crash leaves no half-written file behind. */
export async function storeMedia(dir: string, bytes: Uint8Array, ext: MediaExt): Promise<string> {
  const hash = sha256(bytes)
  const file = mediaFile(dir, hash, ext)
  if (await exists(file)) return hash
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeFile(tmp, bytes)
    await rename(tmp, file)
  } catch (e) {
    await rm(tmp, { force: true })
    // Another writer got there first with the same bytes (Windows refuses to rename over it).
    if (!(await exists(file))) throw e
  }
  return hash
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false
}
