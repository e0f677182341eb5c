import { opendir, realpath, stat } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { FileReason } from '../shared/problems'

/** One thing found under an imported folder: a file to look at, or an entry we could not use. */
export type ScanEntry =
  | { kind: 'file'; abs: string; rel: string; size: number; mtimeMs: number }
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
 * `count`: the same entries, but a plain file or folder is not stat'ed (its size and time are 0):
 * a quick first pass that counts what the import will go through, without holding it.
 */
export async function* scanFolder(
  root: string,
  signal?: AbortSignal,
  { count = false } = {},
): AsyncGenerator<ScanEntry> {
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
      yield { kind: 'fail', rel, reason: reason(e) }
      continue
    }
    if (seenDirs.has(real)) {
      if (dir !== root) yield { kind: 'skip', rel, reason: { code: 'folder-seen' } }
      continue
    }
    seenDirs.add(real)
    let names: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[]
    try {
      const handle = await opendir(dir)
      names = []
      for await (const d of handle) {
        const [isDir, isFile, isLink] = [d.isDirectory(), d.isFile(), d.isSymbolicLink()]
        names.push({ name: d.name, isDir, isFile, isLink })
      }
    } catch (e) {
      yield { kind: 'fail', rel, reason: reason(e) }
      continue
    }
    // Sorted so reports and ids come out in a stable order run after run.
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const subdirs: string[] = []
    for (const n of names) {
      const abs = join(dir, n.name)
      const relPath = relative(root, abs)
      let st: { isDir: boolean; isFile: boolean; size: number; mtimeMs: number }
      try {
        if (count && (n.isDir || n.isFile))
          st = { isDir: n.isDir, isFile: n.isFile, size: 0, mtimeMs: 0 }
        else {
          const s = await stat(abs)
          st = { isDir: s.isDirectory(), isFile: s.isFile(), size: s.size, mtimeMs: s.mtimeMs }
        }
      } catch (e) {
        yield { kind: 'fail', rel: relPath, reason: n.isLink ? { code: 'broken-link' } : reason(e) }
        continue
      }
      const isDir = st.isDir
      if (!isDir && !st.isFile) {
        yield { kind: 'skip', rel: relPath, reason: { code: 'not-regular-file' } }
        continue
      }
      if (isDir) {
        if (n.name.startsWith('.'))
          yield { kind: 'skip', rel: relPath, reason: { code: 'hidden-folder' } }
        else subdirs.push(abs)
        continue
      }
      yield { kind: 'file', abs, rel: relPath, size: st.size, mtimeMs: Math.trunc(st.mtimeMs) }
    }
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
