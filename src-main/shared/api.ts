// The main/renderer contract, written once. The service implements LecternApi; the renderer's
// client type is derived from it; the dispatcher refuses any method not in `argChecks`.
import {
  REPORT_FILTERS,
  type Article,
  type ImportFilesPage,
  type ImportProgress,
  type ImportReport,
  type LabelCount,
  type ReportFilter,
  type Stats,
} from './types'
import type { SearchRequest, SearchResult, SearchSort } from './search-types'
import {
  fraction,
  selection,
  type Changed,
  type CollectionSummary,
  type ReadingState,
  type SavedSearchSummary,
  type Selection,
} from './organise'
import type { ImageFetchReport, ImageProgress, ImageRef } from './images'
import type { ArticleDiff, ArticleVersions, RebuildReport, StoryCluster } from './clusters'
import {
  ValidationError,
  bool,
  int,
  list,
  obj,
  oneOf,
  optional,
  str,
  type Check,
  type Equal,
} from './validate'
import type { WireError } from './errors'
import {
  EXPORT_FORMATS as FILE_EXPORT_FORMATS,
  type ExportFormat as FileExportFormat,
  type ExportProgress,
  type ExportReport,
  type ExportRequest,
  type ExportSelection,
} from './export'
import {
  ROLES,
  TOKEN_ROLES,
  type Caller,
  type Me,
  type Role,
  type TokenRole,
  type UserInfo,
} from './auth'
import {
  CITATION_LOCALES,
  CITATION_STYLES,
  EXPORT_FORMATS,
  MAX_CITED,
  HIGHLIGHT_COLORS,
  type AnnotationEntry,
  type ArticleNote,
  type CitationLocale,
  type CitationStyle,
  type Citations,
  type ExportFormat,
  type Highlight,
  type HighlightColor,
  type ReferenceExport,
} from './annotations'

export type { ErrorCode, WireError } from './errors'
import { keepArgChecks, type KeepApi } from './keep-api'
import type { WatchBatchEvent, WatchProgress } from './types'

export interface ArchiveInfo {
  /** The archive file in use. */
  path: string
  /** True while showing the bundled sample because the user has no archive yet. */
  sample: boolean
  /** Whether this transport lets the user import (serve is read-only unless --allow-import). */
  canImport: boolean
  /** Whether pictures may be downloaded from loopback, private and link-local addresses. */
  privateHosts: PrivateHosts
}

/** `allowed`/`refused`: decided by whoever started the server (`--allow-private-hosts`);
 * `per-request`: the desktop app, where the user's setting comes with each `fetchImages`. */
export type PrivateHosts = 'allowed' | 'refused' | 'per-request'

export interface LecternApi extends KeepApi {
  info(): ArchiveInfo
  stats(): Stats
  tags(): LabelCount[]
  categories(): LabelCount[]
  article(args: { id: number }): Article | null
  search(args: SearchRequest): Promise<SearchResult>
  /** The report lists every file unless `listFiles` is false: then `files` is empty and
   * `importReportFiles` reads them a page at a time (the app's report dialog; a million files'
   * list is tens of megabytes on the wire). */
  importFolders(args: { folders: string[]; listFiles?: boolean }): Promise<ImportReport>
  /** A page of the files of the caller's last import in this session, filtered as the report
   * dialog filters them (empty before any import). */
  importReportFiles(args: { filter: ReportFilter; offset: number; limit: number }): ImportFilesPage
  cancelImport(): boolean
  /** Asks the user for folders (desktop: a system dialog). Null where there is no dialog (the
   * browser), in which case the UI asks for a path on the server. */
  chooseFolders(): Promise<string[] | null>
  /** Downloads the pictures not stored yet (of one article, or all); failures are kept with a
   * reason and tried again next time. Allowed where importing is. */
  fetchImages(args: {
    articleId?: number
    /** Several articles at once (the CLI's `import --images`: the articles just imported). */
    articleIds?: number[]
    /** The desktop's setting; heeded only where `info().privateHosts` is `per-request`. */
    allowPrivateHosts?: boolean
  }): Promise<ImageFetchReport>
  cancelFetchImages(): boolean
  imageStatus(args: { articleId: number }): ImageRef[]

  // What a reader organises (their own rows; writing allowed where importing is).
  listCollections(): CollectionSummary[]
  createCollection(args: { name: string }): CollectionSummary
  renameCollection(args: { name: string; to: string }): CollectionSummary
  /** Deletes the list, not its articles; answers what it was. */
  deleteCollection(args: { name: string }): CollectionSummary
  /** Appends the selected articles not in it yet, in the order given. */
  addToCollection(args: { name: string; selection: Selection }): Changed
  removeFromCollection(args: { name: string; selection: Selection }): Changed
  /** Puts one article at index `to` of the collection's order. */
  moveInCollection(args: { name: string; articleId: number; to: number }): Changed
  /** The names of the reader's collections holding this article. */
  collectionsOf(args: { articleId: number }): string[]
  /** Each saved search with its counts: of articles, or with `group` of stories (one row per
   * story, as the list shows them grouped). */
  listSaved(args: { group?: boolean }): SavedSearchSummary[]
  saveSearch(args: { name: string; query: string; sort?: SearchSort }): SavedSearchSummary
  deleteSaved(args: { name: string }): SavedSearchSummary
  /** Answers the summary as it stood (what was new) and marks the search opened now. */
  openSaved(args: { name: string }): SavedSearchSummary
  setRead(args: { selection: Selection; read: boolean }): Changed
  readingState(args: { articleId: number }): ReadingState
  /** Remembers where the reader stopped (the fraction scrolled). */
  savePlace(args: { articleId: number; position: number }): ReadingState
  /** Writes articles to a Markdown folder, an HTML, EPUB or PDF file on this machine (the
   * server's, for `lectern serve`: allowed where importing is). Progress: `exportProgress`. */
  exportArticles(args: ExportRequest): Promise<ExportReport>
  cancelExport(): boolean
  /** Asks the user where to save (desktop: a system dialog). Null where there is no dialog (the
   * browser, which then asks for a path on the server) or when the user cancels. */
  chooseExportTarget(args: { format: FileExportFormat }): Promise<string | null>
  /** Who is calling: the account, or the single local user where there are no accounts. */
  me(): Me
  // Accounts (admin). Passwords are stored only as scrypt hashes; a token is shown once.
  listUsers(): UserInfo[]
  addUser(args: { name: string; role: Role; password: string }): UserInfo
  setPassword(args: { name: string; password: string }): UserInfo
  setRole(args: { name: string; role: Role }): UserInfo
  /** Removes the account, its sessions and tokens; what it made (notes, highlights) is kept. */
  removeUser(args: { name: string }): UserInfo
  /** A token for scripts acting as account `name`, with at most `role`; printed once. */
  createToken(args: { name: string; role: TokenRole }): {
    name: string
    role: TokenRole
    token: string
  }
  /** Highlights the quote in the article's plain text. A quote not in the article is refused
   * (`quote-not-found`), and so is one found more than once unless `occurrence` (1 = first) says
   * which (`quote-ambiguous`). A selection in the reader sends instead the text around it and
   * roughly where it starts (`near`, an offset in the text as shown): the server anchors it in the
   * plain text as it re-anchors after an import, so the drawn page and the stored offsets agree. */
  addHighlight(args: {
    articleId: number
    quote: string
    occurrence?: number
    selection?: { prefix: string; suffix: string; near: number }
    color?: HighlightColor
    note?: string
  }): Highlight
  /** The reader's highlights: of one article in reading order, else all, newest first. With a
   * query (the search language), those on the articles it finds; its `has:note` and `note:`
   * then ask it of each highlight's own note too. */
  highlights(args: { articleId?: number; query?: string }): Highlight[]
  /** Every highlight and article note, newest first, filtered by the search language as
   * `highlights` is (`阿里 has:note tag:科技`); at most `limit` (500). */
  annotations(args: { query?: string; limit?: number }): AnnotationEntry[]
  /** Changes a highlight's note (empty text removes it) or colour. */
  updateHighlight(args: { id: number; note?: string; color?: HighlightColor }): Highlight
  removeHighlight(args: { id: number }): boolean
  articleNote(args: { articleId: number }): ArticleNote | null
  /** The note on a whole article; empty text removes it (and returns null). */
  setArticleNote(args: { articleId: number; note: string }): ArticleNote | null
  /** A bibliography of the articles, named by ids or as a list selection (a whole result set
   * less some, as the bulk bar sends it), at most MAX_CITED of them; `locale` defaults to the
   * style's own (zh-CN for GB/T 7714). */
  cite(args: {
    ids?: number[]
    selection?: Selection
    style: CitationStyle
    locale?: CitationLocale
  }): Promise<Citations>
  /** References for a reference manager: the articles named, or those a search finds. */
  exportReferences(args: { format: ExportFormat; ids?: number[]; query?: string }): ReferenceExport
  /** Story clusters of at least `minSize` articles (default 2), the largest first. */
  clusters(args: { minSize?: number }): { clusters: StoryCluster[] }
  /** Recomputes every cluster from the texts; the user's split and join choices are kept. */
  rebuildClusters(): RebuildReport
  /** "Not the same story": the article leaves its cluster, for good (survives rebuilds). */
  splitFromCluster(args: { articleId: number }): ArticleVersions
  /** "Same story": the two articles' clusters become one, for good. */
  joinClusters(args: { articleId: number; otherId: number }): ArticleVersions
  /** The other versions of an article's story (outlet, date, title), the first one marked. */
  versions(args: { articleId: number }): ArticleVersions
  /** A word-level diff (characters in CJK text) from one article's text to another's. */
  diffArticles(args: { from: number; to: number }): ArticleDiff
}

export type Method = keyof LecternApi
export type ArgsOf<M extends Method> = Parameters<LecternApi[M]> extends [infer A] ? A : undefined
export type ResultOf<M extends Method> = Awaited<ReturnType<LecternApi[M]>>

/**
 * What the dispatcher calls: each method of the contract, handed also who is calling. A method
 * that keeps per-user data takes `caller` and reads and writes only `caller.owner`'s rows; the
 * others leave it out. Clients never pass a caller: the transport decides it.
 */
export type LecternService = {
  [M in Method]: (args: ArgsOf<M>, caller: Caller) => ResultOf<M> | Promise<ResultOf<M>>
}

/** What the renderer holds: every method, asynchronous, derived rather than written twice. */
export type LecternClient = {
  [M in Method]: (...args: Parameters<LecternApi[M]>) => Promise<ResultOf<M>>
}

/** Commands of the desktop app's menu, carried out by the renderer through the contract. */
export type MenuAction = 'import' | 'find' | 'zoom-in' | 'zoom-out' | 'settings'

/** Events pushed from the archive to every window or browser tab (`menu`: desktop only). */
export interface LecternEvents {
  menu: MenuAction
  importProgress: ImportProgress
  imageProgress: ImageProgress
  archiveChanged: ArchiveInfo
  exportProgress: ExportProgress
  /** A watched folder's batch was imported. */
  watchBatch: WatchBatchEvent
  /** A watched folder's long work (a burst, the catch-up at start), as it goes. */
  watchProgress: WatchProgress
  /** Something about watching the user should know (e.g. polling after the system limit). */
  watchNote: { code: 'polling-fallback' | 'watch-error' | 'stopped-early'; message: string }
  /** The facets (tags, sources, years…) a search answered without (`facetsPending`) are counted:
   * ask again now. */
  facetsReady: Record<string, never>
}
export type EventName = keyof LecternEvents
/** Who may receive each event on a shared server: progress of imports, pictures, exports and
 * watched folders names files on the server's disk, so it goes only to those whose role may start
 * that work (the same role as the method in `methodRoles`). */
export const eventRoles: { readonly [E in EventName]: Role } = {
  menu: 'reader',
  importProgress: 'editor',
  imageProgress: 'editor',
  archiveChanged: 'reader',
  exportProgress: 'editor',
  watchBatch: 'editor',
  watchProgress: 'editor',
  watchNote: 'editor',
  facetsReady: 'reader',
}
/** Every event name, for transports that must subscribe to each by name (EventSource). */
export const EVENT_NAMES = Object.keys(eventRoles) as EventName[]

const none: Check<undefined> = (v, at) => {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return undefined
  throw new ValidationError(at, { rule: 'no-arguments' })
}

const id = int(1, Number.MAX_SAFE_INTEGER)

/**
 * Compiles only when each method's validator yields exactly the arguments the method takes: a
 * field added to a request type and not to its validator (or the reverse), or made optional on
 * one side only, is a type error here rather than a field silently dropped or let through.
 */
export type ChecksMatch<T extends { [M in Method]: Check<unknown> }> = {
  [M in Method]: Equal<ReturnType<T[M]>, ArgsOf<M>>
}[Method] extends true
  ? T
  : never

const yes: Check<true> = (v, at) => {
  if (v !== true) throw new ValidationError(at, { rule: 'one-of', options: ['true'] })
  return true
}

/** `{ ids }`, `{ query }`, `{ collection }` or `{ all: true }`, told apart by their one key. */
const exportSelection: Check<ExportSelection> = (v, at) => {
  const keys = v !== null && typeof v === 'object' ? Object.keys(v) : []
  if (keys.includes('ids'))
    return obj({ ids: list(int(1, Number.MAX_SAFE_INTEGER), 1_000_000) })(v, at)
  if (keys.includes('collection')) return obj({ collection: str })(v, at)
  if (keys.includes('query')) {
    return obj({
      query: str,
      sort: optional(oneOf('relevance', 'newest', 'oldest')),
      except: optional(list(int(1, Number.MAX_SAFE_INTEGER), 1_000_000)),
      group: optional(bool),
    })(v, at)
  }
  return obj({ all: yes })(v, at)
}

const checks = {
  info: none,
  stats: none,
  tags: none,
  categories: none,
  article: obj({ id: int(1, Number.MAX_SAFE_INTEGER) }),
  search: obj({
    query: str,
    limit: optional(int(1, 1000)),
    offset: optional(int(0, 10_000_000)),
    sort: optional(oneOf('relevance', 'newest', 'oldest')),
    group: optional(bool),
  }),
  importFolders: obj({ folders: list(str, 100), listFiles: optional(bool) }),
  importReportFiles: obj({
    filter: oneOf(...REPORT_FILTERS),
    offset: int(0, 10_000_000),
    limit: int(1, 1000),
  }),
  cancelImport: none,
  chooseFolders: none,
  fetchImages: obj({
    articleId: optional(int(1, Number.MAX_SAFE_INTEGER)),
    articleIds: optional(list(int(1, Number.MAX_SAFE_INTEGER), 10_000_000)),
    allowPrivateHosts: optional(bool),
  }),
  cancelFetchImages: none,
  imageStatus: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
  listCollections: none,
  createCollection: obj({ name: str }),
  renameCollection: obj({ name: str, to: str }),
  deleteCollection: obj({ name: str }),
  addToCollection: obj({ name: str, selection }),
  removeFromCollection: obj({ name: str, selection }),
  moveInCollection: obj({
    name: str,
    articleId: int(1, Number.MAX_SAFE_INTEGER),
    to: int(0, 10_000_000),
  }),
  collectionsOf: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
  listSaved: obj({ group: optional(bool) }),
  saveSearch: obj({
    name: str,
    query: str,
    sort: optional(oneOf('relevance', 'newest', 'oldest')),
  }),
  deleteSaved: obj({ name: str }),
  openSaved: obj({ name: str }),
  setRead: obj({ selection, read: bool }),
  readingState: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
  savePlace: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER), position: fraction }),
  exportArticles: obj({
    format: oneOf(...FILE_EXPORT_FORMATS),
    selection: exportSelection,
    out: str,
    title: optional(str),
  }),
  cancelExport: none,
  chooseExportTarget: obj({ format: oneOf(...FILE_EXPORT_FORMATS) }),
  me: none,
  listUsers: none,
  addUser: obj({ name: str, role: oneOf(...ROLES), password: str }),
  setPassword: obj({ name: str, password: str }),
  setRole: obj({ name: str, role: oneOf(...ROLES) }),
  removeUser: obj({ name: str }),
  createToken: obj({ name: str, role: oneOf(...TOKEN_ROLES) }),
  addHighlight: obj({
    articleId: id,
    quote: str,
    occurrence: optional(int(1, 1_000_000)),
    selection: optional(obj({ prefix: str, suffix: str, near: int(0, Number.MAX_SAFE_INTEGER) })),
    color: optional(oneOf(...HIGHLIGHT_COLORS)),
    note: optional(str),
  }),
  highlights: obj({ articleId: optional(id), query: optional(str) }),
  annotations: obj({ query: optional(str), limit: optional(int(1, 10_000)) }),
  updateHighlight: obj({
    id,
    note: optional(str),
    color: optional(oneOf(...HIGHLIGHT_COLORS)),
  }),
  removeHighlight: obj({ id }),
  articleNote: obj({ articleId: id }),
  setArticleNote: obj({ articleId: id, note: str }),
  cite: obj({
    ids: optional(list(id, MAX_CITED)),
    selection: optional(selection),
    style: oneOf(...CITATION_STYLES),
    locale: optional(oneOf(...CITATION_LOCALES)),
  }),
  exportReferences: obj({
    format: oneOf(...EXPORT_FORMATS),
    ids: optional(list(id, 10_000)),
    query: optional(str),
  }),
  clusters: obj({ minSize: optional(int(1, 1_000_000)) }),
  rebuildClusters: none,
  splitFromCluster: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
  joinClusters: obj({
    articleId: int(1, Number.MAX_SAFE_INTEGER),
    otherId: int(1, Number.MAX_SAFE_INTEGER),
  }),
  versions: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
  diffArticles: obj({
    from: int(1, Number.MAX_SAFE_INTEGER),
    to: int(1, Number.MAX_SAFE_INTEGER),
  }),
  ...keepArgChecks,
}

export const argChecks: ChecksMatch<typeof checks> = checks

/**
 * The role each method needs, checked by the dispatcher before the service runs: no session
 * where accounts are on is `unauthenticated`, too small a role is `forbidden`. Typed over every
 * method, so a method added to the contract without a role here does not compile.
 */
export const methodRoles: { readonly [M in Method]: Role } = {
  info: 'reader',
  stats: 'reader',
  tags: 'reader',
  categories: 'reader',
  article: 'reader',
  search: 'reader',
  searchIds: 'reader',
  imageStatus: 'reader',
  me: 'reader',
  importFolders: 'editor',
  importReportFiles: 'editor',
  cancelImport: 'editor',
  chooseFolders: 'editor',
  fetchImages: 'editor',
  // an export writes files on the server's disk
  exportArticles: 'editor',
  cancelExport: 'editor',
  chooseExportTarget: 'editor',
  cancelFetchImages: 'editor',
  listUsers: 'admin',
  addUser: 'admin',
  setPassword: 'admin',
  setRole: 'admin',
  removeUser: 'admin',
  createToken: 'admin',
  // Keeping the archive: reading its history is reading; changing it is editing; what writes
  // files on the server at a path the caller names (backup), repairs the archive (check) or
  // deletes for good (emptyTrash, past every undo) is the admin's.
  revisions: 'reader',
  revisionDiff: 'reader',
  // A reader's own highlights and notes (kept under the caller's owner), and citations.
  addHighlight: 'reader',
  highlights: 'reader',
  annotations: 'reader',
  updateHighlight: 'reader',
  removeHighlight: 'reader',
  articleNote: 'reader',
  setArticleNote: 'reader',
  cite: 'reader',
  exportReferences: 'reader',
  // Story clusters: looking is reading; rebuilding, splitting and joining change them for all.
  clusters: 'reader',
  versions: 'reader',
  diffArticles: 'reader',
  rebuildClusters: 'editor',
  splitFromCluster: 'editor',
  joinClusters: 'editor',
  editArticle: 'editor',
  bulkEdit: 'editor',
  trashArticles: 'editor',
  restoreArticles: 'editor',
  trashList: 'editor',
  undo: 'editor',
  changes: 'editor',
  mergeLabels: 'editor',
  watchFolders: 'editor',
  unwatchFolders: 'editor',
  watchStatus: 'editor',
  emptyTrash: 'admin',
  backup: 'admin',
  lastBackup: 'admin',
  check: 'admin',
  // A reader's own collections, saved searches and reading status (kept under the caller's
  // owner): every reader may keep them, as highlights; a server started read-only still refuses
  // the changes (read-only 'organise').
  listCollections: 'reader',
  createCollection: 'reader',
  renameCollection: 'reader',
  deleteCollection: 'reader',
  addToCollection: 'reader',
  removeFromCollection: 'reader',
  moveInCollection: 'reader',
  collectionsOf: 'reader',
  listSaved: 'reader',
  saveSearch: 'reader',
  deleteSaved: 'reader',
  openSaved: 'reader',
  setRead: 'reader',
  readingState: 'reader',
  savePlace: 'reader',
}

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argChecks, name)
}

/** The wire format of one call's answer: errors are values, never thrown across the boundary.
 * The UI shows the code, translated; `message` is English, for logs and the CLI. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError }
