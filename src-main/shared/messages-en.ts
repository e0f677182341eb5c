// The English wording of every problem code: what the CLI prints, and the renderer's English
// (src-renderer/i18n/problems.ts uses this very table), so the two cannot drift. Other languages
// provide a table of the same type, which the compiler holds to the same set of codes.
import type { ImageRefusal, Problem, ProblemCode, ProblemParams } from './problems'

export type { ProblemParams }

export type Describe = (p: Problem) => string

/** One sentence per code, from its parameters; `d` describes a nested problem in the same language. */
export type ProblemTexts = {
  [C in ProblemCode]: (p: ProblemParams[C], d: Describe) => string
}

export function describer(table: ProblemTexts): Describe {
  const d: Describe = (p) => {
    const text = table[p.code] as ((params: unknown, d: Describe) => string) | undefined
    // A code from a newer server (or a corrupt record): say something rather than crash.
    return text ? text(p.params ?? {}, d) : p.code
  }
  return d
}

export function sizeText(n: number): string {
  if (n < 1024) return `${n} bytes`
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, 'KB'] : [n / 1024 / 1024, 'MB']
  return `${(v >= 10 ? v.toFixed(0) : v.toFixed(1)).replace(/\.0$/, '')} ${unit}`
}

export function secondsText(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`
}

function argRule(p: ProblemParams['bad-arguments']): string {
  switch (p.rule) {
    case 'string':
      return `${p.at} must be a string`
    case 'whole-number':
      return `${p.at} must be a whole number from ${p.min} to ${p.max}`
    case 'boolean':
      return `${p.at} must be true or false`
    case 'fraction':
      return `${p.at} must be a number from 0 to 1`
    case 'one-of':
      return `${p.at} must be one of ${p.options.join(', ')}`
    case 'list':
      return `${p.at} must be a list of at most ${p.max}`
    case 'object':
      return `${p.at} must be an object`
    case 'unknown-key':
      return `${p.at} is not a known argument`
    case 'no-arguments':
      return `${p.at} takes no arguments`
  }
}

function refusal(why: ImageRefusal): string {
  switch (why.code) {
    case 'file-address':
      return 'file: addresses are not imported'
    case 'absolute-path':
      return 'absolute path'
    case 'scheme':
      return `${why.scheme}: addresses cannot be kept`
    case 'invalid-path':
      return 'invalid path'
    case 'outside-folder':
      return 'outside the imported folder'
    case 'no-host':
      return 'no host in the address'
    case 'invalid-address':
      return 'not a valid address'
  }
}

const KIND = { collection: 'collection', 'saved-search': 'saved search' } as const
const BUSY = {
  import: 'An import is already running.',
  images: 'Pictures are being fetched; wait for it to finish or cancel it.',
  export: 'An export is already running.',
} as const

const FORMAT = { yaml: 'YAML', toml: 'TOML', json: 'JSON' } as const

const READ_ONLY = {
  import: 'importing',
  'fetch-images': 'fetching pictures',
  edit: 'editing',
  trash: 'changing the trash',
  undo: 'undoing',
  labels: 'changing labels',
  backup: 'making a backup',
  repair: 'repairing',
  watch: 'watching folders',
  export: 'exporting to files on the server',
  'change-clusters': 'changing story clusters',
  organise: 'changing collections, saved searches or reading status',
} as const

function invalidValue(p: ProblemParams['invalid-value']): string {
  switch (p.rule) {
    case 'empty':
      return `The ${p.field} cannot be empty.`
    case 'not-text':
      return `The ${p.field} must be text.`
    case 'too-long':
      return `The ${p.field} is longer than ${p.max} characters.`
    case 'not-list':
      return `The ${p.field} must be a list.`
    case 'date':
      return `Not a date: ${p.value} (try 2025-02-13).`
    case 'lang':
      return `Not a language tag: ${p.value} (try zh-CN or en).`
    case 'url':
      return `A source URL starts with http:// or https://: ${p.value}`
    case 'not-editable':
      return `${p.field} cannot be edited.`
  }
}

function backupFailure(p: ProblemParams['backup-failed']): string {
  switch (p.reason) {
    case 'exists':
      return `${p.file} already exists.`
    case 'is-archive':
      return 'A backup cannot replace the archive itself.'
    case 'integrity':
      return `The copy failed its integrity check: ${p.detail ?? ''}`
    case 'texts-lost':
      return 'The copy lost article texts.'
    case 'picture-missing':
      return `A picture is missing from the store: ${p.detail ?? ''} (run lectern check).`
  }
}

export const problemTextsEn: ProblemTexts = {
  // errors that end a call
  'unknown-method': (p) => `Unknown method ${p.method}`,
  'bad-arguments': (p) => argRule(p),
  'bad-request': () => 'The request was not valid JSON.',
  'request-too-large': (p) => `The request is larger than ${sizeText(p.limit)}.`,
  forbidden: () => 'You are not allowed to do this here.',
  unauthenticated: () => 'Sign in to use this archive.',
  'sign-in-failed': () => 'Wrong name or password.',
  'too-many-attempts': (p) =>
    `Too many failed sign-ins; try again in ${p.seconds} second${p.seconds === 1 ? '' : 's'}.`,
  'user-exists': (p) => `There is already an account named ${p.name}.`,
  'no-such-user': (p) => `There is no account named ${p.name}.`,
  'bad-user-name': (p) =>
    `"${p.name}" cannot be an account name: use letters, digits, dots, dashes or underscores (at most 64), starting with a letter or digit.`,
  'weak-password': (p) => `A password needs ${p.min} to ${p.max} characters.`,
  'last-admin': () => 'This is the last admin account; make another admin first.',
  unreachable: () => 'The archive could not be reached.',
  'server-status': (p) => `The server answered with HTTP ${p.status}.`,
  'not-found': (p) => `No article with id ${p.id}`,
  'not-a-folder': (p) => `${p.missing ? 'No such folder' : 'Not a folder'}: ${p.folder}`,
  'no-folders': () => 'Choose at least one folder.',
  'read-only': (p) => `This archive is open read-only; ${READ_ONLY[p.action]} is not allowed here.`,
  'same-article': (p) => `Article ${p.id} cannot be joined with itself; choose two articles.`,
  busy: (p) => BUSY[p.job],
  'export-exists': (p) => `${p.out} already exists; choose a new folder name for the export.`,
  'nothing-to-export': () => 'No article matches: there is nothing to export.',
  'pdf-needs-chromium': (p) =>
    `PDF export needs Chromium or Google Chrome: install it (Debian/Ubuntu: ${p.install}) or set ${p.variable} to its path.`,
  'archive-missing': (p) => `No archive at ${p.file}`,
  'archive-unreadable': (p) =>
    `Cannot read the archive ${p.file}${p.detail ? `: ${p.detail}` : ''}`,
  'archive-needs-upgrade': (p) =>
    `The archive ${p.file} needs an upgrade; open it once without read-only.`,
  'archive-too-new': (p) =>
    `The archive ${p.file} was written by a newer Lectern (schema ${p.version}; this one knows ${p.known}). Update Lectern to open it.`,
  'invalid-value': (p) => invalidValue(p),
  'no-such-revision': (p) => `Article ${p.id} has revisions 1 to ${p.count}.`,
  'no-labels': () => 'Name the labels to merge and the label to keep.',
  'backup-failed': (p) => backupFailure(p),
  'unsearchable-query': () => 'Nothing to search for: the query has no letters or digits.',
  'unknown-collection': (p) => `No collection named "${p.name}".`,
  'unknown-saved-search': (p) => `No saved search named "${p.name}".`,
  'name-taken': (p) => `There is already a ${KIND[p.kind]} named "${p.name}".`,
  'empty-name': (p) => `A ${KIND[p.kind]} needs a name.`,
  'not-in-collection': (p) => `Article ${p.id} is not in the collection "${p.name}".`,
  'quote-empty': () => 'The quote is empty.',
  'quote-not-found': (p) =>
    p.asked === undefined
      ? 'The quote is not in the article.'
      : `The quote occurs ${p.occurrences} time${p.occurrences === 1 ? '' : 's'}, not ${p.asked}.`,
  'quote-ambiguous': (p) =>
    `The quote occurs ${p.occurrences} times in the article; say which occurrence (1–${p.occurrences}).`,
  'highlight-not-found': (p) => `No highlight with id ${p.id}`,
  'no-articles': () => 'Name at least one article.',
  'export-source': () => 'Name the articles either by their ids or by a search, not both.',
  'too-many-to-cite': (p) =>
    `${p.count} articles are more than one bibliography holds (${p.max}); export them as CSL-JSON, RIS or BibTeX instead.`,
  internal: () => 'Something went wrong inside Lectern; the details are in its log.',

  // import warnings
  'invalid-utf8': () => 'invalid UTF-8 bytes replaced with �',
  'decoded-from': (p) => `decoded from ${p.encoding}`,
  'front-matter-unclosed': () => 'front matter: no closing fence — imported as body',
  'front-matter-invalid': (p) =>
    `front matter: invalid ${FORMAT[p.format]}${p.line ? ` (line ${p.line})` : ''}: ${p.detail} — imported as body`,
  'front-matter-not-map': (p) =>
    `front matter: expected key: value pairs, got a ${p.got} — imported as body`,
  'unknown-date': () => 'unknown date',
  'date-not-understood': (p) =>
    `date "${p.value}" not understood${p.fromPath ? `, used ${p.fromPath} from the file path` : ''}`,
  'image-refused': (p) => `image not kept: ${p.src} (${refusal(p.why)})`,
  'image-failed': (p, d) => `image ${p.src}: ${d(p.why)}`,

  // why a file was skipped or failed
  'not-markdown': () => 'not a Markdown file',
  'empty-file': () => 'empty file',
  'binary-file': () => 'binary file',
  'hidden-folder': () => 'hidden folder',
  'not-regular-file': () => 'not a regular file',
  'folder-seen': () => 'folder already scanned (link loop)',
  'permission-denied': () => 'permission denied',
  vanished: () => 'vanished while importing',
  'broken-link': () => 'broken link',
  'link-loop': () => 'link loop',
  'read-error': (p) => `could not read (${p.detail})`,
  'parse-error': (p) => `could not parse: ${p.detail}`,
  'in-trash': () => 'in trash',
  discarded: () => 'removed from the archive (the trash was emptied)',

  // why a picture is not stored
  'redirect-without-location': (p) => `HTTP ${p.status} without a location`,
  'redirect-invalid': () => 'redirect to an invalid address',
  'redirect-scheme': (p) => `redirect to a ${p.scheme} address`,
  'redirect-loop': () => 'redirect loop',
  'too-many-redirects': (p) => `too many redirects (more than ${p.max})`,
  'http-error': (p) => `HTTP ${p.status}`,
  'too-large': (p) =>
    p.size === undefined
      ? `too large (over ${sizeText(p.limit)})`
      : `too large (${sizeText(p.size)}; the limit is ${sizeText(p.limit)})`,
  'empty-answer': () => 'empty answer',
  'not-an-image': (p) => (p.servedAs ? `not an image (served as ${p.servedAs})` : 'not an image'),
  'no-answer': (p) => `no answer within ${secondsText(p.ms)}`,
  'timed-out': (p) => `timed out after ${secondsText(p.ms)}`,
  'host-not-found': () => 'host not found',
  'tls-failed': (p) => `secure connection failed (${p.detail})`,
  'connect-timeout': () => 'could not connect (timed out)',
  'network-error': (p) => `network error (${p.detail})`,
  'private-address': (p) => `private address${p.address ? ` (${p.address})` : ''}`,
  'store-failed': (p) => `could not store: ${p.detail}`,
  'file-missing': () => 'file not found',
  'not-a-file': () => 'not a file',
  'copy-failed': (p) => `cannot copy: ${p.detail}`,
  'earlier-failure': (p) => p.text,
}

/** English, for the CLI, logs and `WireError.message`. */
export const describeEn: Describe = describer(problemTextsEn)
