// Everything that can go wrong, as codes with parameters: the wire carries these, never sentences.
// The English wording lives in `messages-en.ts` (the CLI and the renderer's English), the Chinese
// in the renderer's i18n. A parameter is a name, number, path or address, or another code:
// never prose, so no English reaches a Chinese screen.

/** Why a validator refused an argument (the `rule` of `bad-arguments`). */
export type ArgRule =
  | { rule: 'string' }
  | { rule: 'whole-number'; min: number; max: number }
  | { rule: 'boolean' }
  | { rule: 'fraction' }
  | { rule: 'one-of'; options: string[] }
  | { rule: 'list'; max: number }
  | { rule: 'object' }
  | { rule: 'unknown-key' }
  | { rule: 'no-arguments' }

/** What a read-only archive refuses to do. */
export type ReadOnlyAction =
  | 'import'
  | 'fetch-images'
  | 'edit'
  | 'trash'
  | 'undo'
  | 'labels'
  | 'backup'
  | 'repair'
  | 'watch'
  | 'export'
  | 'change-clusters'
  | 'organise'

export type InvalidValueRule =
  'empty' | 'not-text' | 'too-long' | 'not-list' | 'date' | 'lang' | 'url' | 'not-editable'

export type BackupFailure = 'exists' | 'is-archive' | 'integrity' | 'texts-lost' | 'picture-missing'

/** Errors that end a call: the `code` of a failed `Reply` (and of `SearchResult.error`). */
export interface ErrorParams {
  'unknown-method': { method: string }
  'bad-arguments': { at: string } & ArgRule
  /** The HTTP body was not JSON. */
  'bad-request': Empty
  'request-too-large': { limit: number }
  /** The caller's role does not include the method's (HTTP 403), or an IPC call came from a
   * page that is not the app's. */
  forbidden: Empty
  /** Accounts are on and the call came with no valid session or token (HTTP 401). */
  unauthenticated: Empty
  /** A sign-in with a wrong name or password: the same answer for both, so it never tells
   * whether the name exists. */
  'sign-in-failed': Empty
  /** Too many failed sign-ins for this name or from this address: wait `seconds` (HTTP 429). */
  'too-many-attempts': { seconds: number }
  'user-exists': { name: string }
  'no-such-user': { name: string }
  'bad-user-name': { name: string }
  'weak-password': { min: number; max: number }
  /** Removing or demoting the last admin would leave nobody to manage the accounts. */
  'last-admin': Empty
  /** The renderer could not reach the server, or it answered with an HTTP error. */
  unreachable: Empty
  'server-status': { status: number }
  'not-found': { id: number }
  /** `missing`: nothing at that path at all (rather than a file). */
  'not-a-folder': { folder: string; missing?: boolean }
  'no-folders': Empty
  'read-only': { action: ReadOnlyAction }
  /** "Same story" was asked for an article and itself. */
  'same-article': { id: number }
  busy: { job: 'import' | 'images' | 'export' }
  /** An export's target folder is already there (an export never merges into a folder). */
  'export-exists': { out: string }
  /** The selection names no article. */
  'nothing-to-export': Empty
  /** PDF is printed by Chromium (or the desktop app), and none is installed: the command that
   * installs it on Debian/Ubuntu, and the variable that names one elsewhere. */
  'pdf-needs-chromium': { install: string; variable: string }
  'archive-missing': { file: string }
  /** `detail` is SQLite's own text: the English rendering shows it, translations need not. */
  'archive-unreadable': { file: string; detail?: string }
  'archive-needs-upgrade': { file: string }
  'archive-too-new': { file: string; version: number; known: number }
  /** A value the user typed for an article's field that cannot be kept as given. */
  'invalid-value': { field: string; rule: InvalidValueRule; value?: string; max?: number }
  'no-such-revision': { id: number; count: number }
  /** A merge or rename without the labels to merge or the label to keep. */
  'no-labels': Empty
  'backup-failed': { file: string; reason: BackupFailure; detail?: string }
  /** Something was typed but nothing in it can be searched for (only punctuation, `()`, …). */
  'unsearchable-query': Empty
  /** No collection or saved search of that name (for this reader). */
  'unknown-collection': { name: string }
  'unknown-saved-search': { name: string }
  /** A collection or saved search of that name exists already. */
  'name-taken': { kind: NamedKind; name: string }
  'empty-name': { kind: NamedKind }
  /** Moving an article within a collection that does not hold it. */
  'not-in-collection': { id: number; name: string }
  'quote-empty': Empty
  /** The quote is not in the article (`occurrences` 0), or not as often as `asked`. */
  'quote-not-found': { occurrences: number; asked?: number }
  /** The quote occurs more than once and no occurrence was named. */
  'quote-ambiguous': { occurrences: number }
  'highlight-not-found': { id: number }
  /** A citation or export was asked for no article. */
  'no-articles': Empty
  /** An export or citation names its articles by ids or by a search: one of the two. */
  'export-source': Empty
  /** More articles picked than one bibliography holds (`max`, MAX_CITED). */
  'too-many-to-cite': { count: number; max: number }
  /** A fault in Lectern itself; the details go to the log, not to the user. */
  internal: Empty
}
export type ErrorCode = keyof ErrorParams

export type NamedKind = 'collection' | 'saved-search'

/** What an import noticed about a file that was still imported. */
export interface ImportWarningParams {
  'invalid-utf8': Empty
  'decoded-from': { encoding: string }
  'front-matter-unclosed': Empty
  /** `detail` is the parser's own text (English rendering only). */
  'front-matter-invalid': { format: 'yaml' | 'toml' | 'json'; line?: number; detail: string }
  'front-matter-not-map': { format: 'yaml' | 'toml'; got: 'list' | 'string' | 'number' | 'boolean' }
  'unknown-date': Empty
  'date-not-understood': { value: string; fromPath?: string }
  /** A picture the import will not keep (outside the folder, a `file:` address, …). */
  'image-refused': { src: string; why: ImageRefusal }
  /** A local picture that could not be copied into the archive. */
  'image-failed': { src: string; why: Problem<ImageFailureCode> }
}
export type ImportWarningCode = keyof ImportWarningParams

export type ImageRefusal =
  | { code: 'file-address' }
  | { code: 'absolute-path' }
  | { code: 'scheme'; scheme: string }
  | { code: 'invalid-path' }
  | { code: 'outside-folder' }
  | { code: 'no-host' }
  | { code: 'invalid-address' }

/** Why a file was skipped or failed. */
export interface FileReasonParams {
  'not-markdown': Empty
  'empty-file': Empty
  'binary-file': Empty
  'hidden-folder': Empty
  'not-regular-file': Empty
  'folder-seen': Empty
  'permission-denied': Empty
  vanished: Empty
  'broken-link': Empty
  'link-loop': Empty
  /** An error the system gave no better name for: its code (`EIO`) or text. */
  'read-error': { detail: string }
  'parse-error': { detail: string }
  /** The file of an article in the trash: a re-import does not bring it back. */
  'in-trash': Empty
  /** The unchanged file of an article removed for good (the trash was emptied). */
  discarded: Empty
}
export type FileReasonCode = keyof FileReasonParams

/** Why a picture is not in the archive (kept per picture, tried again by the next fetch). */
export interface ImageFailureParams {
  'redirect-without-location': { status: number }
  'redirect-invalid': Empty
  'redirect-scheme': { scheme: string }
  'redirect-loop': Empty
  'too-many-redirects': { max: number }
  'http-error': { status: number }
  'too-large': { limit: number; size?: number }
  'empty-answer': Empty
  'not-an-image': { servedAs?: string }
  'no-answer': { ms: number }
  'timed-out': { ms: number }
  'host-not-found': Empty
  'tls-failed': { detail: string }
  'connect-timeout': Empty
  'network-error': { detail: string }
  /** Downloading from loopback, private, link-local… addresses is refused unless allowed. */
  'private-address': { address?: string }
  'store-failed': { detail: string }
  'file-missing': Empty
  'not-a-file': Empty
  'copy-failed': { detail: string }
  /** A reason recorded as text by an older Lectern. */
  'earlier-failure': { text: string }
}
export type ImageFailureCode = keyof ImageFailureParams

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type Empty = {}

export type ProblemParams = ErrorParams &
  ImportWarningParams &
  FileReasonParams &
  ImageFailureParams
export type ProblemCode = keyof ProblemParams

// The four tables share one namespace (one describe function, one translation table): a code in
// two of them would be ambiguous, so any overlap fails to compile here.
type Overlap<A, B> = keyof A & keyof B
type NoOverlap<T extends never> = T
export type _Disjoint = NoOverlap<
  | Overlap<ErrorParams, ImportWarningParams>
  | Overlap<ErrorParams, FileReasonParams>
  | Overlap<ErrorParams, ImageFailureParams>
  | Overlap<ImportWarningParams, FileReasonParams>
  | Overlap<ImportWarningParams, ImageFailureParams>
  | Overlap<FileReasonParams, ImageFailureParams>
>

/** One code with its parameters, as it crosses the contract (`params` only when there are any). */
export type Problem<C extends ProblemCode = ProblemCode> = {
  [K in C]: keyof ProblemParams[K] extends never
    ? { code: K; params?: undefined }
    : { code: K; params: ProblemParams[K] }
}[C]

export type ImportWarning = Problem<ImportWarningCode>
export type FileReason = Problem<FileReasonCode>
export type ImageFailure = Problem<ImageFailureCode>

/** Builds a problem; the parameters are required exactly when the code has some. */
export function problem<C extends ProblemCode>(
  code: C,
  ...params: keyof ProblemParams[C] extends never ? [] : [ProblemParams[C]]
): Problem<C> {
  return (params.length ? { code, params: params[0] } : { code }) as Problem<C>
}
