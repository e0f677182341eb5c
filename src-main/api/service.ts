import type {
  ArchiveInfo,
  ArgsOf,
  LecternEvents,
  LecternService,
  PrivateHosts,
} from '../shared/api'
import type { Caller, Me, Role, TokenRole, UserInfo } from '../shared/auth'
import { Accounts, type AccountsOptions } from './accounts'
import type { ImportFilesPage, ImportReport, ReportFilter } from '../shared/types'
import { reportPage, withoutFiles } from '../import/report'
import { LOCAL_OWNER } from '../shared/auth'
import type { SearchRequest, SearchResult } from '../shared/search-types'
import { bindingOf, openArchive, type Archive } from '../db/open'
import { getArticle } from '../db/articles'
import { listLabels } from '../db/labels'
import { archiveStats } from '../db/stats'
import { importFolders } from '../import/importer'
import { imageRefsOf } from '../db/images'
import { fetchImages, type FetchImagesOptions } from '../images/fetch-images'
import type { ImageFetchReport, ImageRef } from '../shared/images'
import { searchArchiveAsync } from '../search/parallel'
import { IdReader } from '../search/id-reader'
import { FacetWarmth, OFF_THREAD_FROM } from '../search/facet-warmth'
import { warmSearchText } from '../search/search'
import { wholeArchiveStories } from '../search/stories'
import { LecternError } from '../shared/errors'
import type { Selection } from '../shared/organise'
import type { SearchSort } from '../shared/search-types'
import { collections, readingStatus, savedSearches } from './organise'
import type { ExportFormat, ExportReport, ExportRequest } from '../shared/export'
import { exportArticles } from '../export/job'
import type { PdfPrinter } from '../export/formats'

type Job = 'import' | 'images' | 'export'
import { Annotations } from './annotations'
import type { ReadOnlyAction } from '../shared/problems'
import { KeepService } from './keep-service'
import { shownArticle } from '../db/edits'
import { clusterOf } from '../db/story-clusters'
import * as stories from './clusters'
import type { ArticleDiff, ArticleVersions, RebuildReport } from '../shared/clusters'

export interface ServiceOptions {
  /** The archive file currently open (the sample's while `sample` is true). */
  path: string
  /** Open archive; when `sample`, it is the bundled sample and the first import moves to `userPath`. */
  db: Archive
  sample?: boolean
  userPath?: string
  canImport: boolean
  /** Downloads from private addresses (default `refused`). */
  privateHosts?: PrivateHosts | undefined
  nativeBinding?: string | undefined
  /** The desktop's folder dialog; absent in the browser. */
  pickFolders?: () => Promise<string[] | null>
  emit?: <E extends keyof LecternEvents>(event: E, data: LecternEvents[E]) => void
  /** The desktop's save dialog; absent in the browser. */
  pickExportTarget?: (format: ExportFormat) => Promise<string | null>
  /** How PDF is printed (desktop: Electron's printToPDF); default: the system's Chromium. */
  printPdf?: PdfPrinter
  /** Settle times of watched folders, and the catch-up's delay at start (tests shorten them). */
  watch?: { settleMs?: number; stableMs?: number; catchUpAfterMs?: number; batchFiles?: number }
  /** Limits and fetch for image downloads (tests point them at a local server). */
  images?: Omit<FetchImagesOptions, 'articleIds' | 'signal' | 'onProgress'>
  /** Password hashing cost, session length, sign-in throttle (tests make them quick). */
  accounts?: AccountsOptions
  /** From how many articles the facet index is built in a worker (tests make every archive
   * large); default OFF_THREAD_FROM. */
  facetsOffThreadFrom?: number
}

/**
 * The contract implemented over one open archive. Transports reach it only via the dispatcher,
 * which hands each method the `Caller` as its second argument: per-user data is read and written
 * under `caller.owner` and nothing else (see `me` below for the shape).
 */
export class ArchiveService extends KeepService implements LecternService {
  #opts: ServiceOptions
  /** The archive's accounts; also the HTTP transport's authenticator (see cli/serve.ts). */
  readonly accounts: Accounts
  /** One long job at a time: an import, or a run of image downloads. */
  #running: { job: Job; ctrl: AbortController } | null = null
  /** Each owner's last import's report, read a page at a time by `importReportFiles`. */
  #reports = new Map<string, ImportReport>()

  constructor(opts: ServiceOptions) {
    super()
    this.#opts = { ...opts }
    this.#facets = this.#facetWarmth(opts.db)
    this.accounts = new Accounts(() => this.db, opts.accounts)
    if (opts.watch) this.watchOptions = opts.watch
  }

  protected mayWrite(action: ReadOnlyAction): void {
    this.#mayWrite(action)
  }

  protected beforeImport(): void {
    this.#leaveSample()
  }

  protected emitEvent<E extends keyof LecternEvents>(event: E, data: LecternEvents[E]): void {
    this.#opts.emit?.(event, data)
  }

  protected get nativeBinding(): string | undefined {
    return this.#opts.nativeBinding
  }

  get db(): Archive {
    return this.#opts.db
  }

  info(): ArchiveInfo {
    const { path, sample, canImport, privateHosts } = this.#opts
    return { path, sample: sample ?? false, canImport, privateHosts: privateHosts ?? 'refused' }
  }

  stats() {
    return archiveStats(this.db)
  }

  tags() {
    return listLabels(this.db, 'tag')
  }

  categories() {
    return listLabels(this.db, 'category')
  }

  article({ id }: { id: number }) {
    const a = shownArticle(this.db, id)
    if (!a) return null
    const story = clusterOf(this.db, id)
    return { ...a, cluster: story?.id ?? id, clusterArticles: story?.articles ?? [id] }
  }

  async search(req: SearchRequest, caller: Caller): Promise<SearchResult> {
    // Until the warm-up has built the facet index, a search answers without facets (the whole
    // archive's list has its own) instead of waiting for it.
    const db = this.db
    const opts = { waitForFacets: this.#facets.buildHere(), owner: caller.owner }
    let r: SearchResult
    try {
      r = await searchArchiveAsync(db, req, opts, this.#ids)
    } catch (e) {
      // the first import replaced the sample while this search waited for its ids: ask the new
      if (db !== this.db) return this.search(req, caller)
      throw e
    }
    this.#facets.answered()
    // from now on a search's ids are read by another thread while this one ranks (parallel.ts)
    if (this.#facets.on && !this.db.memory) {
      this.#ids ??= new IdReader(this.db.name, bindingOf(this.db))
    }
    return r
  }

  listCollections(_: undefined, caller: Caller) {
    return collections.list(this.db, caller.owner)
  }

  createCollection({ name }: { name: string }, caller: Caller) {
    this.#mayWrite('organise')
    return collections.create(this.db, caller.owner, name)
  }

  renameCollection({ name, to }: { name: string; to: string }, caller: Caller) {
    this.#mayWrite('organise')
    return collections.rename(this.db, caller.owner, name, to)
  }

  deleteCollection({ name }: { name: string }, caller: Caller) {
    this.#mayWrite('organise')
    return collections.delete(this.db, caller.owner, name)
  }

  addToCollection(a: { name: string; selection: Selection }, caller: Caller) {
    this.#mayWrite('organise')
    return collections.add(this.db, caller.owner, a.name, a.selection)
  }

  removeFromCollection(a: { name: string; selection: Selection }, caller: Caller) {
    this.#mayWrite('organise')
    return collections.remove(this.db, caller.owner, a.name, a.selection)
  }

  moveInCollection(a: ArgsOf<'moveInCollection'>, caller: Caller) {
    this.#mayWrite('organise')
    return collections.move(this.db, caller.owner, a.name, a.articleId, a.to)
  }

  collectionsOf({ articleId }: { articleId: number }, caller: Caller) {
    return collections.of(this.db, caller.owner, articleId)
  }

  listSaved(a: { group?: boolean }, caller: Caller) {
    return savedSearches.list(this.db, caller.owner, a.group ?? false)
  }

  saveSearch(a: { name: string; query: string; sort?: SearchSort }, caller: Caller) {
    this.#mayWrite('organise')
    return savedSearches.create(this.db, caller.owner, a)
  }

  deleteSaved({ name }: { name: string }, caller: Caller) {
    this.#mayWrite('organise')
    return savedSearches.delete(this.db, caller.owner, name)
  }

  openSaved({ name }: { name: string }, caller: Caller) {
    // Opening marks what is new as seen: a write, refused where the archive is read-only.
    this.#mayWrite('organise')
    return savedSearches.open(this.db, caller.owner, name)
  }

  setRead(a: { selection: Selection; read: boolean }, caller: Caller) {
    this.#mayWrite('organise')
    return readingStatus.set(this.db, caller.owner, a.selection, a.read)
  }

  readingState({ articleId }: { articleId: number }, caller: Caller) {
    return readingStatus.get(this.db, caller.owner, articleId)
  }

  savePlace(a: { articleId: number; position: number }, caller: Caller) {
    this.#mayWrite('organise')
    return readingStatus.place(this.db, caller.owner, a.articleId, a.position)
  }

  async importFolders(
    { folders, listFiles = true }: { folders: string[]; listFiles?: boolean | undefined },
    caller?: Caller,
  ): Promise<ImportReport> {
    this.#mayWrite('import')
    if (folders.length === 0) throw new LecternError('no-folders')
    const ctrl = this.#start('import')
    const who = caller?.owner ?? LOCAL_OWNER
    // the last report goes with the next import: a million files' list is about 60 MB kept
    this.#reports.clear()
    try {
      this.#leaveSample()
      const report = await importFolders(this.db, folders, {
        signal: ctrl.signal,
        onProgress: (p) => this.#opts.emit?.('importProgress', p),
        owner: caller?.owner,
      })
      this.#reports.set(who, report)
      return listFiles ? report : withoutFiles(report)
    } finally {
      this.#running = null
    }
  }

  importReportFiles(
    { filter, offset, limit }: { filter: ReportFilter; offset: number; limit: number },
    caller?: Caller,
  ): ImportFilesPage {
    const report = this.#reports.get(caller?.owner ?? LOCAL_OWNER)
    if (!report) return { total: 0, files: [], notable: 0, warnings: 0, scanned: 0 }
    return reportPage(report, filter, offset, limit)
  }

  cancelImport(): boolean {
    return this.#cancel('import')
  }

  async fetchImages(args: ArgsOf<'fetchImages'>): Promise<ImageFetchReport> {
    this.#mayWrite('fetch-images')
    const { articleId, articleIds, allowPrivateHosts } = args
    if (articleId !== undefined && !getArticle(this.db, articleId)) {
      throw new LecternError('not-found', { id: articleId })
    }
    const policy = this.#opts.privateHosts ?? 'refused'
    const ctrl = this.#start('images')
    try {
      return await fetchImages(this.db, {
        ...this.#opts.images,
        allowPrivateHosts:
          policy === 'allowed' || (policy === 'per-request' && allowPrivateHosts === true),
        articleIds: articleId === undefined ? articleIds : [articleId],
        signal: ctrl.signal,
        onProgress: (p) => this.#opts.emit?.('imageProgress', p),
      })
    } finally {
      this.#running = null
    }
  }

  cancelFetchImages(): boolean {
    return this.#cancel('images')
  }

  imageStatus({ articleId }: { articleId: number }): ImageRef[] {
    return imageRefsOf(this.db, articleId)
  }

  async exportArticles(req: ExportRequest, caller?: Caller): Promise<ExportReport> {
    this.#mayWrite('export')
    const ctrl = this.#start('export')
    try {
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      const { files, ...report } = await exportArticles(this.db, req, {
        signal: ctrl.signal,
        onProgress: (p) => this.#opts.emit?.('exportProgress', p),
        ...(this.#opts.printPdf ? { pdf: this.#opts.printPdf } : {}),
        ...(caller ? { owner: caller.owner } : {}),
      })
      return report
    } finally {
      this.#running = null
    }
  }

  cancelExport(): boolean {
    return this.#cancel('export')
  }

  async chooseExportTarget({ format }: { format: ExportFormat }): Promise<string | null> {
    return this.#opts.pickExportTarget ? this.#opts.pickExportTarget(format) : null
  }

  me(_: undefined, caller: Caller): Me {
    return { name: caller.owner, role: caller.role, accounts: caller.account }
  }

  listUsers(): UserInfo[] {
    return this.accounts.list()
  }

  addUser({ name, role, password }: { name: string; role: Role; password: string }) {
    return this.accounts.add(name, role, password)
  }

  setPassword({ name, password }: { name: string; password: string }) {
    return this.accounts.setPassword(name, password)
  }

  setRole({ name, role }: { name: string; role: Role }) {
    return this.accounts.setRole(name, role)
  }

  removeUser({ name }: { name: string }) {
    return this.accounts.remove(name)
  }

  createToken({ name, role }: { name: string; role: TokenRole }) {
    return this.accounts.createToken(name, role)
  }

  /** Highlights, notes, citations and exports, of the caller only. They change no article, so a
   * read-only server allows them: a reader's own notes are not the archive's contents. */
  #notes(caller: Caller): Annotations {
    return new Annotations(() => this.db, caller.owner)
  }

  addHighlight(args: Parameters<Annotations['add']>[0], caller: Caller) {
    return this.#notes(caller).add(args)
  }

  highlights(args: { articleId?: number; query?: string }, caller: Caller) {
    return this.#notes(caller).list(args)
  }

  annotations(args: { query?: string; limit?: number }, caller: Caller) {
    return this.#notes(caller).entries(args)
  }

  updateHighlight(args: Parameters<Annotations['update']>[0], caller: Caller) {
    return this.#notes(caller).update(args)
  }

  removeHighlight(args: { id: number }, caller: Caller) {
    return this.#notes(caller).remove(args)
  }

  articleNote(args: { articleId: number }, caller: Caller) {
    return this.#notes(caller).note(args)
  }

  setArticleNote(args: { articleId: number; note: string }, caller: Caller) {
    return this.#notes(caller).setNote(args)
  }

  cite(args: Parameters<Annotations['cite']>[0], caller: Caller) {
    return this.#notes(caller).cite(args)
  }

  exportReferences(args: Parameters<Annotations['exportReferences']>[0], caller: Caller) {
    return this.#notes(caller).exportReferences(args)
  }

  clusters({ minSize }: { minSize?: number }) {
    return stories.listClusters(this.db, minSize)
  }

  rebuildClusters(): RebuildReport {
    this.#mayWrite('change-clusters')
    if (this.#running) throw new LecternError('busy', { job: this.#running.job })
    return stories.rebuild(this.db)
  }

  splitFromCluster({ articleId }: { articleId: number }): ArticleVersions {
    this.#mayWrite('change-clusters')
    return stories.split(this.db, articleId)
  }

  joinClusters({ articleId, otherId }: { articleId: number; otherId: number }): ArticleVersions {
    this.#mayWrite('change-clusters')
    return stories.join(this.db, articleId, otherId)
  }

  versions({ articleId }: { articleId: number }): ArticleVersions {
    return stories.versionsOf(this.db, articleId)
  }

  diffArticles({ from, to }: { from: number; to: number }): ArticleDiff {
    return stories.diffArticles(this.db, from, to)
  }

  async chooseFolders(): Promise<string[] | null> {
    return this.#opts.pickFolders ? this.#opts.pickFolders() : null
  }

  /** Builds the facet index once the first search has been answered, or after a quiet moment if
   * none comes (search/facet-warmth.ts): building it before would make the first search wait
   * (seconds at a million articles), and the first list needs none of it. */
  warmUp(): void {
    this.#facets.warmUp()
    setImmediate(() => {
      warmSearchText()
      // What the first list counts (db/whole-list.ts), read while the page or window loads: at a
      // million articles, read cold from disk, the count and the stories took 0.5 s of it.
      try {
        if (this.db.open) wholeArchiveStories(this.db)
      } catch {
        // A damaged archive reports itself on the first real call.
      }
    }).unref()
  }

  #facets: FacetWarmth

  #facetWarmth(db: Archive): FacetWarmth {
    return new FacetWarmth(
      db,
      this.#opts.facetsOffThreadFrom ?? OFF_THREAD_FROM,
      () => this.#writing(),
      () => this.#opts.emit?.('facetsReady', {}),
    )
  }

  /** Reads searches' ids beside this thread, once warm-up began (serve, the desktop). */
  #ids: IdReader | null = null

  /** Stops watching, cancels a running job, and closes the archive. A watcher's batch still
   * being written stops at its next step (its error goes to the watch notes, nowhere else). */
  close(): void {
    this.#facets.close()
    this.#running?.ctrl.abort()
    void this.stopWatching()
    this.#ids?.close()
    this.db.close()
  }

  /** Whether the archive is being written in bulk: an import, or a watched folder's batch. */
  #writing(): boolean {
    return this.#running?.job === 'import' || this.watchImporting()
  }

  #mayWrite(action: ReadOnlyAction): void {
    if (!this.#opts.canImport) throw new LecternError('read-only', { action })
  }

  #start(job: Job): AbortController {
    if (this.#running) throw new LecternError('busy', { job: this.#running.job })
    const ctrl = new AbortController()
    this.#running = { job, ctrl }
    return ctrl
  }

  #cancel(job: Job): boolean {
    if (this.#running?.job !== job) return false
    this.#running.ctrl.abort()
    return true
  }

  /** The first import replaces the bundled sample with the user's own archive. */
  #leaveSample(): void {
    const { sample, userPath, nativeBinding } = this.#opts
    if (!sample || !userPath) return
    const db = openArchive(userPath, { create: true, nativeBinding })
    // what was kept for the sample's archive is not the new one's
    const warm = this.#facets.on
    this.#facets.close()
    this.#ids?.close()
    this.#ids = null
    this.#opts.db.close()
    this.#opts = { ...this.#opts, db, path: userPath, sample: false }
    this.#facets = this.#facetWarmth(db)
    if (warm) this.#facets.warmUp()
    this.#opts.emit?.('archiveChanged', this.info())
  }
}
