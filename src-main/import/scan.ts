import { readdir, realpath, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { FileReason } from '../shared/problems'

/** One thing found under an imported folder: a file to look at, or an entry we could not use.
 * A file's size and time are not here: they are taken when it is read (import/prepare.ts), by the
 * parse workers, with the open file's fstat. */
export type ScanEntry =
  | { kind: 'file'; abs: string; rel: string }
  | { kind: 'skip'; rel: string; reason: FileReason }
  | { kind: 'fail'; rel: string; reason: FileReason }

const MARKDOWN = /\.(md|markdown)$/i

export function isMarkdownName(name: string): boolean {
  return MARKDOWN.test(name)
}

/**
 * Walks a folder recursively. Links are followed, but each real folder is entered once, so
 * symlink loops end; entries that cannot be read become `fail` entries instead of aborting the
 * walk. Hidden folders (.git, .obsidian) are not entered and are reported once as skipped.
 * Only links (and entries whose type the file system does not tell) are stat'ed: a stat per file
 * on this thread cost more than the rest of the walk (libuv's pool, a promise each), and the
 * reader's fstat gives the size and time anyway. Yields a folder's entries at once.
 */
export async function* scanFolder(root: string, signal?: AbortSignal): AsyncGenerator<ScanEntry[]> {
  const seenDirs = new Set<string>()
  const stack: string[] = [root]
  while (stack.length > 0) {
    if (signal?.aborted) return
    const dir = stack.pop() as string
    const rel = relative(root, dir) || '.'
    let real: string
    try {
      real = await realpath(dir)
    } catch (e) {
      yield [{ kind: 'fail', rel, reason: reason(e) }]
      continue
    }
    if (seenDirs.has(real)) {
      if (dir !== root) yield [{ kind: 'skip', rel, reason: { code: 'folder-seen' } }]
      continue
    }
    seenDirs.add(real)
    let names: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[]
    try {
      // one call per folder: an iterator (opendir) costs a promise per entry on this thread
      names = (await readdir(dir, { withFileTypes: true })).map((d) => ({
        name: d.name,
        isDir: d.isDirectory(),
        isFile: d.isFile(),
        isLink: d.isSymbolicLink(),
      }))
    } catch (e) {
      yield [{ kind: 'fail', rel, reason: reason(e) }]
      continue
    }
    // Sorted so reports and ids come out in a stable order run after run.
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const subdirs: string[] = []
    const out: ScanEntry[] = []
    for (const n of names) {
      const abs = join(dir, n.name)
      const relPath = relative(root, abs)
      let st: { isDir: boolean; isFile: boolean }
      try {
        if (n.isDir || n.isFile) st = n
        else {
          const s = await stat(abs)
          st = { isDir: s.isDirectory(), isFile: s.isFile() }
        }
      } catch (e) {
        out.push({
          kind: 'fail',
          rel: relPath,
          reason: n.isLink ? { code: 'broken-link' } : reason(e),
        })
        continue
      }
      const isDir = st.isDir
      if (!isDir && !st.isFile) {
        out.push({ kind: 'skip', rel: relPath, reason: { code: 'not-regular-file' } })
        continue
      }
      if (isDir) {
        if (n.name.startsWith('.'))
          out.push({ kind: 'skip', rel: relPath, reason: { code: 'hidden-folder' } })
        else subdirs.push(abs)
        continue
      }
      out.push({ kind: 'file', abs, rel: relPath })
    }
    if (out.length > 0) yield out
    // Reverse so the stack pops them in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i] as string)
  }
}

/** A file system error as a reason; shared with the importer, which reads what scanning found. */
export function reason(e: unknown): FileReason {
  const err = e as NodeJS.ErrnoException
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'permission-denied' }
    case 'ENOENT':
      return { code: 'vanished' }
    case 'ELOOP':
      return { code: 'link-loop' }
    default:
      return { code: 'read-error', params: { detail: err?.code ?? err?.message ?? String(e) } }
  }
}
