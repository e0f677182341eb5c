import type { FSWatcher, watch } from 'chokidar'
import { existsSync } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'
import type { Archive } from '../db/open'
import { markSourceMissing } from '../db/watched'
import { importFiles, importFolders } from '../import/importer'
import { reportPage, withoutFiles } from '../import/report'
import { isMarkdownName } from '../import/scan'
import { FILE_STATUSES, type WatchBatchEvent, type WatchProgress } from '../shared/types'

// chokidar 4 rather than @parcel/watcher: it is plain JavaScript over Node's own fs.watch
// (inotify, FSEvents, ReadDirectoryChangesW), so it installs with no native binary to download
// or rebuild for Electron's ABI, and it has what a news folder needs built in: a write is
// reported only once the file's size has held still (awaitWriteFinish), and polling when
// events cannot be had. Lectern adds the debounce, the batches, and the fallback to polling.

/** Files a batch imports at most (see `batchFiles`): a report of 2,000 files is about 200 KB. */
export const BATCH_FILES = 2000

/** Files a batch has at least for its progress to be told (`onProgress`): a file or a few come
 * and go too fast to show. */
export const BURST_FILES = 200

/** Changes seen and not imported yet: path → the watched folder it is in. */
export interface Unfinished {
  changed: [string, string][]
  removed: [string, string][]
}

/** One batch imported: the contract's `watchBatch` event as it is. */
export type WatchBatch = WatchBatchEvent

export interface WatchOptions {
  /** Quiet time after the last change before a batch is imported. */
  settleMs?: number
  /** How long a file's size must hold still before it counts as written. */
  stableMs?: number
  /** Most files imported (and reported) as one batch; more that arrive together are imported
   * in batches of this many, one after the other. */
  batchFiles?: number
  /** Once this long after watching starts, each folder is imported whole: what was written
   * while nothing watched (the app closed overnight). For the app's start only: a folder
   * watched from the import dialog was just imported. */
  catchUpAfterMs?: number
  /** The folders the catch-up imports (all of them when not given). */
  catchUpFolders?: string[]
  /** Changes an earlier watcher of these folders stopped before importing (`stop`'s result):
   * imported first, as if they had just happened. */
  carry?: Unfinished
  /** Poll instead of using system events (network drives, or after the watch limit). */
  polling?: boolean
  onBatch?: (b: WatchBatch) => void
  /** Progress of a batch of BURST_FILES or more, and of the catch-up (as the importer reports
   * it: every few hundred files). */
  onProgress?: (p: WatchProgress) => void
  /** chokidar's `watch`; tests wrap it to play the system's watch limit being reached. */
  watchFn?: typeof watch
  /** Something the user should know (English; the codes are for translations). */
  onNote?: (note: { code: 'polling-fallback' | 'watch-error'; message: string }) => void
}

export class FolderWatcher {
  readonly folders: string[]
  #db: Archive
  #opts: Required<Pick<WatchOptions, 'settleMs' | 'stableMs' | 'batchFiles'>> & WatchOptions
  #fsw: FSWatcher | null = null
  #polling: boolean
  #changed = new Map<string, string>()
  #removed = new Map<string, string>()
  #timer: NodeJS.Timeout | null = null
  #catchUp: NodeJS.Timeout | null = null
  #caughtUp = false
  #running: Promise<void> = Promise.resolve()
  /** Imports under way (a batch's slices, the catch-up). */
  #importing = 0
  #stopped = false
  /** Cancels the import a stop finds running (importer.ts: it ends at its next step). */
  #abort = new AbortController()

  constructor(db: Archive, folders: string[], opts: WatchOptions = {}) {
    this.#db = db
    this.folders = folders.map((f) => resolve(f))
    this.#opts = { settleMs: 1000, stableMs: 1000, batchFiles: BATCH_FILES, ...opts }
    this.#polling = opts.polling ?? false
  }

  get polling(): boolean {
    return this.#polling
  }

  /** Whether it is importing now. */
  get importing(): boolean {
    return this.#importing > 0
  }

  /** Resolves once the folders are being watched. */
  async start(): Promise<void> {
    // chokidar is loaded when a folder is first watched, not when the app starts
    const watchFn = this.#opts.watchFn ?? (await import('chokidar')).watch
    const fsw = watchFn(this.folders, {
      ignoreInitial: true,
      usePolling: this.#polling,
      interval: 1000,
      // Hidden folders (.git, .obsidian) and files other than Markdown are not articles.
      ignored: (path, stats) =>
        basename(path).startsWith('.') || (stats?.isFile() === true && !isMarkdownName(path)),
      awaitWriteFinish: { stabilityThreshold: this.#opts.stableMs, pollInterval: 100 },
    })
    this.#fsw = fsw
    fsw.on('add', (p) => this.#queue(this.#changed, this.#removed, p))
    fsw.on('change', (p) => this.#queue(this.#changed, this.#removed, p))
    fsw.on('unlink', (p) => this.#queue(this.#removed, this.#changed, p))
    fsw.on('error', (e) => void this.#onError(e as NodeJS.ErrnoException))
    await new Promise<void>((ok) => fsw.once('ready', ok))
    const carry = this.#opts.carry
    if (carry !== undefined) {
      this.#opts.carry = undefined
      const ours = ([, root]: [string, string]) => this.folders.includes(root)
      for (const [p, root] of carry.removed.filter(ours)) this.#removed.set(p, root)
      for (const [p, root] of carry.changed.filter(ours)) this.#changed.set(p, root)
      if (this.#changed.size + this.#removed.size > 0) this.#schedule(0)
    }
    if (this.#opts.catchUpAfterMs !== undefined && !this.#caughtUp) {
      this.#caughtUp = true
      this.#catchUp = setTimeout(() => {
        this.#catchUp = null
        this.#running = this.#running.then(() => this.#whileImporting(() => this.#importWhole()))
      }, this.#opts.catchUpAfterMs)
      this.#catchUp.unref?.()
    }
  }

  /**
   * Stops at once: an import running is cancelled at its next step (what it wrote stays), and
   * slices not begun are not. Resolves with the changes left unimported, for a watcher that
   * follows (`carry`) or to tell the user; a watcher started later catches up with them anyway
   * (`catchUpAfterMs`), as does any import of the folder.
   */
  async stop(): Promise<Unfinished> {
    this.#stopped = true
    this.#abort.abort()
    if (this.#timer) clearTimeout(this.#timer)
    if (this.#catchUp) clearTimeout(this.#catchUp)
    await this.#fsw?.close()
    this.#fsw = null
    await this.#running
    return { changed: [...this.#changed], removed: [...this.#removed] }
  }

  /** Resolves when nothing is waiting to be imported (tests, and a clean stop). */
  async idle(): Promise<void> {
    while (this.#timer || this.#catchUp || this.#changed.size > 0 || this.#removed.size > 0) {
      await new Promise((r) => setTimeout(r, 50))
    }
    await this.#running
  }

  #queue(into: Map<string, string>, other: Map<string, string>, path: string): void {
    if (!isMarkdownName(path)) return
    const root = this.folders.find((f) => path === f || path.startsWith(f + sep))
    if (!root) return
    other.delete(path)
    into.set(path, root)
    this.#schedule(this.#opts.settleMs)
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.#running = this.#running.then(() => this.#whileImporting(() => this.#flush()))
    }, ms)
  }

  async #flush(): Promise<void> {
    if (this.#stopped) return
    const changed = [...this.#changed]
    const removed = [...this.#removed]
    this.#changed.clear()
    this.#removed.clear()
    // Imports first: a rename arrives as a removal and an addition, and the addition finds the
    // article by its content and moves it, so the removal then marks nothing.
    for (const folder of this.folders) {
      const paths = changed.filter(([, root]) => root === folder).map(([p]) => p)
      const gone = removed.filter(([, root]) => root === folder).map(([p]) => p)
      if (paths.length === 0 && gone.length === 0) continue
      // Files copied in by the thousand arrive as one batch: imported a slice at a time, each
      // reported as it lands, so the lists fill as it goes and no one report is huge. (Only
      // removals: one empty slice, which carries them.)
      const size = Math.max(1, this.#opts.batchFiles)
      const burst = (phase: WatchProgress['phase'], done: number) => {
        if (paths.length >= BURST_FILES) {
          this.#opts.onProgress?.({ folder, work: 'burst', phase, done, total: paths.length })
        }
      }
      try {
        burst('importing', 0)
        for (let at = 0; at === 0 || at < paths.length; at += size) {
          // stopped: this slice and the rest stay unimported (of a cancelled one, the files
          // it did not reach)
          if (this.#stopped) {
            this.#unfinished(folder, paths.slice(at), gone)
            break
          }
          const slice = paths.slice(at, at + size)
          const report = await importFiles(this.#db, folder, slice, {
            signal: this.#abort.signal,
            // (the importer tells after each of its batches, the slice's last one too)
            onProgress: (p) => p.phase === 'importing' && burst('importing', at + p.done),
          })
          const last = at + size >= paths.length && !report.cancelled
          const missing = last ? this.#markMissing(gone) : 0
          this.#opts.onBatch?.({ folder, report, missing })
          if (report.cancelled) {
            const done = new Set(report.files.map((f) => join(folder, f.path)))
            const rest = paths.slice(at).filter((p) => !done.has(p))
            this.#unfinished(folder, rest, gone)
            break
          }
        }
      } catch (e) {
        this.#opts.onNote?.({ code: 'watch-error', message: (e as Error).message })
      }
      burst('done', paths.length)
    }
  }

  async #whileImporting(work: () => Promise<void>): Promise<void> {
    this.#importing++
    try {
      await work()
    } finally {
      this.#importing--
    }
  }

  /** Puts what a stop left undone back where `stop` finds it. */
  #unfinished(folder: string, paths: string[], gone: string[]): void {
    for (const p of gone) this.#removed.set(p, folder)
    for (const p of paths) this.#changed.set(p, folder)
  }

  /** Each folder imported whole, as one batch. Its report lists the files that came in or
   * changed (not the unchanged ones, which may be a million), or none past BATCH_FILES: the
   * counts say it all. */
  async #importWhole(): Promise<void> {
    const only = this.#opts.catchUpFolders?.map((f) => resolve(f))
    for (const folder of this.folders.filter((f) => only === undefined || only.includes(f))) {
      if (this.#stopped) return
      try {
        const report = await importFolders(this.#db, [folder], {
          signal: this.#abort.signal,
          onProgress: (p) =>
            this.#opts.onProgress?.({
              folder,
              work: 'catch-up',
              phase: p.phase,
              done: p.phase === 'scanning' ? p.scanned : p.done,
              total: p.total,
            }),
        })
        const news = report.scanned - report.unchanged
        const files =
          news > this.#opts.batchFiles
            ? []
            : FILE_STATUSES.filter((s) => s !== 'unchanged').flatMap(
                (s) => reportPage(report, s, 0, news).files,
              )
        this.#opts.onBatch?.({
          folder,
          report: { ...withoutFiles(report), files },
          missing: 0,
          catchUp: true,
        })
      } catch (e) {
        this.#opts.onProgress?.({ folder, work: 'catch-up', phase: 'done', done: 0, total: 0 })
        this.#opts.onNote?.({ code: 'watch-error', message: (e as Error).message })
      }
    }
  }

  #markMissing(gone: string[]): number {
    let missing = 0
    for (const p of gone) if (!existsSync(p)) missing += markSourceMissing(this.#db, p)
    return missing
  }

  async #onError(e: NodeJS.ErrnoException): Promise<void> {
    if ((e.code === 'ENOSPC' || e.code === 'EMFILE') && !this.#polling && !this.#stopped) {
      this.#polling = true
      this.#opts.onNote?.({
        code: 'polling-fallback',
        message:
          'The system limit on watched folders was reached (on Linux: fs.inotify.max_user_watches). ' +
          'Lectern now checks the folders every second instead; changes are still imported, ' +
          'using a little more processor time. Raising the limit brings instant watching back.',
      })
      await this.#fsw?.close()
      if (!this.#stopped) await this.start()
      return
    }
    this.#opts.onNote?.({ code: 'watch-error', message: e.message })
  }
}
