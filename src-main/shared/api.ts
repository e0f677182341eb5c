// The main/renderer contract, written once. The service implements LecternApi; the renderer's
// client type is derived from it; the dispatcher refuses any method not in `argChecks`.
import type { Article, ImportProgress, ImportReport, LabelCount, Stats } from './types'
import type { SearchRequest, SearchResult } from './search-types'
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

export type { ErrorCode, WireError } from './errors'
import { keepArgChecks, type KeepApi } from './keep-api'
import type { WatchBatchEvent } from './types'

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
  search(args: SearchRequest): SearchResult
  importFolders(args: { folders: string[] }): Promise<ImportReport>
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
  /** A watched folder's batch was imported. */
  watchBatch: WatchBatchEvent
  /** Something about watching the user should know (e.g. polling after the system limit). */
  watchNote: { code: 'polling-fallback' | 'watch-error'; message: string }
}
export type EventName = keyof LecternEvents
const EVENTS: { [E in EventName]: true } = {
  menu: true,
  importProgress: true,
  imageProgress: true,
  archiveChanged: true,
  watchBatch: true,
  watchNote: true,
}
/** Every event name, for transports that must subscribe to each by name (EventSource). */
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[]

const none: Check<undefined> = (v, at) => {
  if (v === undefined || v === null) return undefined
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return undefined
  throw new ValidationError(at, { rule: 'no-arguments' })
}

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
  importFolders: obj({ folders: list(str, 100) }),
  cancelImport: none,
  chooseFolders: none,
  fetchImages: obj({
    articleId: optional(int(1, Number.MAX_SAFE_INTEGER)),
    articleIds: optional(list(int(1, Number.MAX_SAFE_INTEGER), 10_000_000)),
    allowPrivateHosts: optional(bool),
  }),
  cancelFetchImages: none,
  imageStatus: obj({ articleId: int(1, Number.MAX_SAFE_INTEGER) }),
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

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(argChecks, name)
}

/** The wire format of one call's answer: errors are values, never thrown across the boundary.
 * The UI shows the code, translated; `message` is English, for logs and the CLI. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError }
