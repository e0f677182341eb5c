import type { Archive } from './open'

// Lectern's SQLite extension (native/lectern_rank.c, built by bin/build-rank.js): lectern_rank(),
// which ranks searches, lectern_ids(), which reads their ids as binary, a faster tokenizer for
// the index (native/lectern_tokens.c), which FTS5 uses on the connections that load it, and
// lectern_story(), story fingerprints (native/lectern_story.c, db/native-story.ts). The
// service sets its file once it has found it (api/open-service.ts), and hands it to its worker
// threads; null: not built, or not looked for. Everything it does has a slower fallback (plain
// SQL, FTS5's own tokenizer, TypeScript) that gives the same answers.
let extension: string | null = null
let binding: string | undefined

/** Which extension this thread's connections load (null: none), and the better-sqlite3 binary
 * of its own connections (Electron's; undefined: the package's). */
export function useExtension(file: string | null, nativeBinding?: string): void {
  extension = file
  binding = nativeBinding
}

/** The extension's file this thread's connections load, for a worker thread to load it too. */
export const extensionFile = (): string | null => extension

/** The binary a connection this thread opens for itself uses (see useExtension). */
export const extensionBinding = (): string | undefined => binding

const loaded = new WeakMap<Archive, boolean>()

/** Whether the extension is loaded into this connection: loaded on the first ask, from `file`
 * (a file that will not load, built for another machine say, leaves the connection without it
 * for good). */
export function hasExtension(db: Archive, file: string | null = extension): boolean {
  const known = loaded.get(db)
  if (known !== undefined) return known
  let ok = false
  if (file) {
    try {
      db.loadExtension(file)
      // a build older than its source (a checkout updated without `npm install`) may lack a
      // function: then none is used, rather than a search failing on the missing one
      db.prepare(`SELECT lectern_ids(1)`).get()
      ok = true
    } catch {
      // the fallbacks give the same answers, only slower
    }
  }
  loaded.set(db, ok)
  return ok
}
