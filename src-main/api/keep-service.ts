import { existsSync, statSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Archive } from '../db/open'
import type { KeepApi, LabelKindName } from '../shared/keep-api'
import type { LecternEvents } from '../shared/api'
import type {
  Article,
  ArticleChanges,
  BackupReport,
  BulkResult,
  ChangeSummary,
  CheckReport,
  DiffPart,
  RevisionInfo,
  TrashPage,
  WatchProgress,
  WatchStatus,
} from '../shared/types'
import { shownArticle } from '../db/edits'
import { mergeLabels } from '../db/label-aliases'
import {
  emptyTrash,
  restoreArticles,
  trashArticles,
  trashCount,
  trashedArticles,
} from '../db/trash'
import { listChanges, undoLast } from '../db/undo'
import { revisionList, revisionTexts } from '../db/revisions'
import { lastBackup } from '../db/backups'
import { addWatchedFolder, removeWatchedFolder, watchedFolders } from '../db/watched'
import { bulkEdit, editArticle } from '../keep/edit'
import { wordDiff } from '../text/word-diff'
import { backupArchive } from '../archive/backup'
import { checkArchive } from '../archive/check'
import { mediaDirOf, mediaFile } from '../images/store'
import { searchIds } from '../search/search'
import { FolderWatcher, type Unfinished, type WatchOptions } from '../watch/watcher'
import { LecternError } from '../shared/errors'
import type { Caller } from '../shared/auth'
import type { ReadOnlyAction } from '../shared/problems'

/** How long after the app (or `serve --watch`) starts its watched folders are imported whole
 * (after its first answer, as a rule: the catch-up is an import, and nothing heavy goes before
 * that). */
export const CATCH_UP_AFTER_MS = 3000

/**
 * The keeping half of the service (edits, trash, revisions, backup, check, watching), written
 * apart so the service file stays readable; ArchiveService supplies the archive and the rules
 * on writing.
 */
export abstract class KeepService implements KeepApi {
  abstract get db(): Archive
  /** Throws when this transport may not change the archive. */
  protected abstract mayWrite(action: ReadOnlyAction): void
  /** Before the first import into the bundled sample: move to the user's own archive. */
  protected abstract beforeImport(): void
  protected abstract emitEvent<E extends keyof LecternEvents>(e: E, data: LecternEvents[E]): void
  protected abstract get nativeBinding(): string | undefined
  /** Settle times for watching (tests shorten them). */
  protected watchOptions: Pick<
    WatchOptions,
    'settleMs' | 'stableMs' | 'catchUpAfterMs' | 'batchFiles'
  > = {}

  #watcher: FolderWatcher | null = null
  /** Folders watched for this run only (not remembered). */
  #session = new Set<string>()
  /** Whether the remembered folders are watched too (the app; after any remembering call). */
  #watchRemembered = false

  editArticle({ id, ...changes }: { id: number } & ArticleChanges): Article {
    this.mayWrite('edit')
    return editArticle(this.db, id, changes)
  }

  bulkEdit({ ids, ...changes }: { ids: number[] } & ArticleChanges): BulkResult {
    this.mayWrite('edit')
    return bulkEdit(this.db, ids, changes)
  }

  trashArticles({ ids }: { ids: number[] }): BulkResult {
    this.mayWrite('trash')
    const changed = trashArticles(this.db, ids, now())
    return { changed, undoId: changed > 0 ? (listChanges(this.db)[0]?.id ?? null) : null }
  }

  restoreArticles({ ids }: { ids: number[] }): BulkResult {
    this.mayWrite('trash')
    const changed = restoreArticles(this.db, ids, now())
    return { changed, undoId: changed > 0 ? (listChanges(this.db)[0]?.id ?? null) : null }
  }

  trashList({ offset, limit }: { offset: number; limit: number }): TrashPage {
    return { total: trashCount(this.db), articles: trashedArticles(this.db, offset, limit) }
  }

  async emptyTrash(): Promise<{ articles: number; pictures: number }> {
    this.mayWrite('trash')
    const r = emptyTrash(this.db, now())
    // Files go once the rows are gone for good (a crash in between leaves unused files, which
    // `check --fix` removes; the other order could leave rows pointing at nothing).
    const dir = mediaDirOf(this.db)
    for (const m of r.mediaFiles) await rm(mediaFile(dir, m.hash, m.ext as 'png'), { force: true })
    return { articles: r.articles, pictures: r.mediaFiles.length }
  }

  undo(): ChangeSummary | null {
    this.mayWrite('undo')
    return undoLast(this.db)
  }

  changes(): ChangeSummary[] {
    return listChanges(this.db)
  }

  mergeLabels(args: { kind: LabelKindName; labels: string[]; into: string }): BulkResult {
    this.mayWrite('labels')
    const into = args.into.trim()
    const labels = args.labels.map((l) => l.trim()).filter((l) => l !== '')
    if (into === '' || labels.length === 0) {
      throw new LecternError('no-labels')
    }
    const r = mergeLabels(this.db, args.kind, labels, into, now())
    return { changed: r.articles, undoId: r.undoId }
  }

  revisions({ id }: { id: number }): RevisionInfo[] {
    this.#article(id)
    return revisionList(this.db, id)
  }

  revisionDiff({ id, from, to }: { id: number; from: number; to: number }): {
    title: DiffPart[]
    body: DiffPart[]
  } {
    this.#article(id)
    const all = revisionTexts(this.db, id)
    const a = all[from - 1]
    const b = all[to - 1]
    if (!a || !b) {
      throw new LecternError('no-such-revision', { id, count: all.length })
    }
    return { title: wordDiff(a.title, b.title), body: wordDiff(a.markdown, b.markdown) }
  }

  async backup({ file, replace }: { file: string; replace?: boolean }): Promise<BackupReport> {
    this.mayWrite('backup')
    return backupArchive(this.db, file, { replace, nativeBinding: this.nativeBinding })
  }

  lastBackup(): { file: string; madeAt: string } | null {
    return lastBackup(this.db)
  }

  check({ fix }: { fix?: boolean }): Promise<CheckReport> {
    if (fix) this.mayWrite('repair')
    return checkArchive(this.db, { fix: fix ?? false })
  }

  searchIds({ query }: { query: string }, caller?: Caller): number[] {
    // has:, note:, collection: and is: read the caller's own highlights, notes and lists.
    return searchIds(this.db, query, caller?.owner)
  }

  async watchFolders({
    folders,
    remember = true,
    catchUp = false,
  }: {
    folders: string[]
    remember?: boolean
    catchUp?: boolean
  }): Promise<WatchStatus> {
    this.mayWrite('watch')
    return this.watchFor(folders, remember, catchUp ? 0 : undefined)
  }

  /** Watching without the transport's say (`serve --watch`: the person at the terminal asked,
   * while the browser may still be read-only). `catchUpAfterMs`: these folders are imported
   * whole once, this long after watching begins (serve waits as the app does, so that its first
   * answer does not share the disk with a look at a million files). */
  async watchFor(
    folders: string[],
    remember: boolean,
    catchUpAfterMs?: number,
  ): Promise<WatchStatus> {
    const abs = folders.map((f) => resolve(f))
    for (const f of abs) {
      if (!existsSync(f) || !statSync(f).isDirectory()) {
        throw new LecternError('not-a-folder', { folder: f })
      }
    }
    this.beforeImport()
    if (remember) {
      for (const f of abs) addWatchedFolder(this.db, f, now())
      this.#watchRemembered = true
    } else for (const f of abs) this.#session.add(f)
    // (the catch-up takes these folders only: the others are watched already)
    await this.#restartWatching(
      catchUpAfterMs === undefined ? undefined : { afterMs: catchUpAfterMs, folders: abs },
    )
    return this.watchStatus()
  }

  async unwatchFolders({ folders }: { folders?: string[] }): Promise<WatchStatus> {
    this.mayWrite('watch')
    const gone = folders ? folders.map((f) => resolve(f)) : watchedFolders(this.db)
    for (const f of gone) removeWatchedFolder(this.db, f)
    if (folders) for (const f of gone) this.#session.delete(f)
    else this.#session.clear()
    await this.#restartWatching()
    return this.watchStatus()
  }

  /** Whether a watched folder's files are being imported now. */
  protected watchImporting(): boolean {
    return this.#watcher?.importing ?? false
  }

  watchStatus(): WatchStatus {
    return { folders: this.#watcher?.folders ?? [], polling: this.#watcher?.polling ?? false }
  }

  /** Watches the folders the archive remembers (the app, at start), and a few seconds later
   * imports each whole, once: files written while the app was closed are not events. */
  async resumeWatching(): Promise<void> {
    this.#watchRemembered = true
    await this.#restartWatching({ afterMs: CATCH_UP_AFTER_MS })
  }

  async #restartWatching(catchUp?: { afterMs: number; folders?: string[] }): Promise<void> {
    // changes the old watcher had not imported yet go on with the new one (not waited for: a
    // folder added while thousands of files come in of another is watched at once)
    const carry = await this.#stopWatcher()
    const remembered = this.#watchRemembered ? watchedFolders(this.db) : []
    const folders = [...new Set([...remembered, ...this.#session])].filter((f) => existsSync(f))
    if (folders.length === 0) return
    // (a test's shorter delay applies only where there is a catch-up)
    const { catchUpAfterMs: shorter, ...times } = this.watchOptions
    const w = new FolderWatcher(this.db, folders, {
      ...(catchUp === undefined
        ? {}
        : {
            catchUpAfterMs: shorter ?? catchUp.afterMs,
            ...(catchUp.folders ? { catchUpFolders: catchUp.folders } : {}),
          }),
      ...times,
      ...(carry ? { carry } : {}),
      onBatch: (b) => this.emitEvent('watchBatch', b),
      onProgress: everyQuarterSecond((p) => this.emitEvent('watchProgress', p)),
      onNote: (n) => this.emitEvent('watchNote', n),
    })
    await w.start()
    this.#watcher = w
  }

  /** Stops watching now (quitting, Ctrl+C): an import running is cancelled at its next step. Files
   * seen and not imported yet are counted in a note (the next catch-up or import takes them). */
  async stopWatching(): Promise<void> {
    const left = await this.#stopWatcher()
    const n = left ? left.changed.length + left.removed.length : 0
    if (n === 0) return
    const folders = [...new Set([...left!.changed, ...left!.removed].map(([, root]) => root))]
    this.emitEvent('watchNote', {
      code: 'stopped-early',
      message:
        `Stopped before taking in ${n} changed file${n === 1 ? '' : 's'} of ${folders.join(', ')}: ` +
        'the next import of the folder takes them in (the app, lectern watch and serve --watch ' +
        'import the folders they watch as they start).',
    })
  }

  async #stopWatcher(): Promise<Unfinished | null> {
    const w = this.#watcher
    this.#watcher = null
    return (await w?.stop()) ?? null
  }

  #article(id: number): void {
    if (!shownArticle(this.db, id)) throw new LecternError('not-found', { id })
  }
}

const now = () => new Date().toISOString()

/** Progress as the importer reports it comes every few hundred files: a window needs it at most
 * four times a second, and always when the phase changes, and always the end. */
function everyQuarterSecond(emit: (p: WatchProgress) => void): (p: WatchProgress) => void {
  let at = 0
  let phase = ''
  return (p) => {
    const t = Date.now()
    if (p.phase !== 'done' && p.phase === phase && t - at < 250) return
    at = t
    phase = p.phase
    emit(p)
  }
}
