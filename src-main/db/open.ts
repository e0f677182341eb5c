import Database from 'better-sqlite3'
import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { LecternError } from '../shared/errors'
import { extensionFile, hasExtension } from './extension'
import { givePairs, syncPairs } from './common-pairs'
import { labelKey } from './labels'
import { currentVersion, latestVersion, migrate } from './migrations/index'
import { normalizeText } from '../text/normalize'

/** The page size a new archive is made with (see openArchive). */
export const NEW_PAGE_SIZE = 16384

export type Archive = Database.Database

export interface OpenOptions {
  /** Create the file (and its folder) when missing; otherwise a missing archive is an error. */
  create?: boolean
  readonly?: boolean
  /** better-sqlite3 binary to load (Electron's ABI); see native.ts. */
  nativeBinding?: string | undefined
}

// the better-sqlite3 binary each archive was opened with, for a worker thread opening it again
const bindings = new WeakMap<Archive, string>()

/** The native binding `db` was opened with (Electron's; none under Node): what a worker thread
 * must open the same file with (search/id-worker.ts, search/facet-worker.ts). */
export const bindingOf = (db: Archive): string | undefined => bindings.get(db)

/** Opens (and migrates) an archive. Throws LecternError (`archive-…` codes). */
export function openArchive(file: string, opts: OpenOptions = {}): Archive {
  const memory = file === ':memory:'
  if (!memory && !existsSync(file)) {
    if (!opts.create || opts.readonly) {
      throw new LecternError('archive-missing', { file })
    }
    mkdirSync(dirname(file), { recursive: true })
  }
  let db: Archive
  try {
    db = new Database(file, {
      readonly: opts.readonly ?? false,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    })
    if (opts.nativeBinding) bindings.set(db, opts.nativeBinding)
    // Reading user_version forces SQLite to read the header: a non-database fails here.
    currentVersion(db)
  } catch (e) {
    throw new LecternError('archive-unreadable', { file, detail: errText(e) })
  }
  const version = currentVersion(db)
  if (version > latestVersion) {
    db.close()
    throw new LecternError('archive-too-new', { file, version, known: latestVersion })
  }
  if (!opts.readonly) {
    // A new archive gets 16 KB pages (SQLite's default is 4 KB), set before the log makes the
    // first page. Most of an import's writes are whole pages: the index's segments and articles
    // of 2 to 8 KB, which at 4 KB spill into overflow pages. Writing the 20,000 bench articles'
    // index text and Markdown alone took 3.82 s at 4 KB and 3.22 s at 16 KB (medians of six
    // alternating rounds), and the 100,000 archive's searches were no slower (p50 ratio to the
    // plain search 0.43 and 0.58 against 0.67). An existing archive keeps its pages: changing
    // them means rewriting the whole file (VACUUM).
    if ((db.pragma('page_count', { simple: true }) as number) === 0) {
      db.pragma(`page_size = ${NEW_PAGE_SIZE}`)
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('foreign_keys = ON')
  // The default 2 MB page cache thrashes on full-text index writes; 64 MB is cheap on a desktop.
  db.pragma('cache_size = -65536')
  db.pragma('temp_store = MEMORY')
  db.pragma('busy_timeout = 5000')
  // `note:` compares the reader's notes as search compares articles (NFKC, case, Traditional →
  // Simplified), with the one normaliser. Notes are few and short, so folding them per search is
  // cheaper than an FTS table and triggers kept in step with them.
  db.function('lectern_fold', { deterministic: true }, (s: unknown) =>
    typeof s === 'string' ? normalizeText(s) : null,
  )
  // Label keys are Unicode-aware (SQLite's NOCASE folds ASCII only); search compares the
  // user's edited label lists, kept as JSON, by this key.
  db.function('label_key', { deterministic: true }, (name: unknown) => labelKey(String(name)))
  // Lectern's extension, when this thread uses one, before anything touches the index: its
  // tokenizer writes the same index faster (native/lectern_tokens.c), but only on a connection
  // that has it before FTS5 first tokenizes (FTS5 keeps the tokenizer it found then). So here,
  // and only here, it is given the common pairs: a connection that loads the extension later
  // keeps FTS5's own tokenizer and writes none (db/common-pairs.ts).
  if (extensionFile() !== null && hasExtension(db)) givePairs(db)
  if (!opts.readonly) {
    migrate(db)
    syncPairs(db)
  } else if (version < latestVersion) {
    db.close()
    throw new LecternError('archive-needs-upgrade', { file })
  }
  return db
}

const CHECKPOINT_BYTES = 64 * 1024 * 1024

/**
 * For a bulk import: SQLite copies the log into the archive (and syncs both) whenever the log
 * passes 1,000 pages, that is after nearly every batch, rewriting the same index pages and
 * waiting on the disk each time. Every 64 MB instead until the returned function is called:
 * each batch is still committed to the log as before, so a crash loses no more than it did.
 * The page cache is halved meanwhile (32 MB): a batch's writes are mostly appends to the index
 * and a page it misses is in the system's file cache, while the memory counts against an import
 * of a million files (under 1 GB in all).
 */
export function checkpointLess(db: Archive): () => void {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number
  const cache = db.pragma('cache_size', { simple: true }) as number
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${Math.ceil(CHECKPOINT_BYTES / pageSize)}`)
  db.pragma('cache_size = -32768')
  return () => {
    db.pragma(`wal_autocheckpoint = ${pages}`)
    db.pragma(`cache_size = ${cache}`)
  }
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}
