import { describe, expect, it } from 'vitest'
import { problemTextsZh } from './problems.zh-CN'
import { describeEn, describer } from '../../src-main/shared/messages-en'
import type { Problem, ProblemCode } from '../../src-main/shared/problems'

const describeZh = describer(problemTextsZh)

// One example of every code, with the parameters it really carries (English library text in
// `detail` included): the type makes this table complete, so a new code must be added here.
const EXAMPLES: { [C in ProblemCode]: Problem<C> } = {
  'unknown-method': { code: 'unknown-method', params: { method: 'frobnicate' } },
  'bad-arguments': {
    code: 'bad-arguments',
    params: { at: 'search.limit', rule: 'whole-number', min: 1, max: 1000 },
  },
  'bad-request': { code: 'bad-request' },
  'request-too-large': { code: 'request-too-large', params: { limit: 1048576 } },
  forbidden: { code: 'forbidden' },
  unauthenticated: { code: 'unauthenticated' },
  'sign-in-failed': { code: 'sign-in-failed' },
  'too-many-attempts': { code: 'too-many-attempts', params: { seconds: 8 } },
  'user-exists': { code: 'user-exists', params: { name: 'alice' } },
  'no-such-user': { code: 'no-such-user', params: { name: 'alice' } },
  'bad-user-name': { code: 'bad-user-name', params: { name: 'a b' } },
  'weak-password': { code: 'weak-password', params: { min: 8, max: 1024 } },
  'last-admin': { code: 'last-admin' },
  unreachable: { code: 'unreachable' },
  'server-status': { code: 'server-status', params: { status: 502 } },
  'not-found': { code: 'not-found', params: { id: 42 } },
  'not-a-folder': { code: 'not-a-folder', params: { folder: '/home/me/news' } },
  'no-folders': { code: 'no-folders' },
  'export-exists': { code: 'export-exists', params: { out: '/home/me/export' } },
  'nothing-to-export': { code: 'nothing-to-export' },
  'pdf-needs-chromium': {
    code: 'pdf-needs-chromium',
    params: { install: 'apt-get install chromium', variable: 'LECTERN_CHROMIUM' },
  },
  'read-only': { code: 'read-only', params: { action: 'import' } },
  'same-article': { code: 'same-article', params: { id: 7 } },
  busy: { code: 'busy', params: { job: 'images' } },
  'archive-missing': { code: 'archive-missing', params: { file: '/a/archive.db' } },
  'archive-unreadable': {
    code: 'archive-unreadable',
    params: { file: '/a/archive.db', detail: 'file is not a database' },
  },
  'archive-needs-upgrade': { code: 'archive-needs-upgrade', params: { file: '/a/archive.db' } },
  'archive-too-new': {
    code: 'archive-too-new',
    params: { file: '/a/archive.db', version: 9, known: 4 },
  },
  'unsearchable-query': { code: 'unsearchable-query' },
  'unknown-collection': { code: 'unknown-collection', params: { name: 'Typhoon 2026' } },
  'unknown-saved-search': { code: 'unknown-saved-search', params: { name: 'AI mornings' } },
  'name-taken': { code: 'name-taken', params: { kind: 'collection', name: 'Typhoon 2026' } },
  'empty-name': { code: 'empty-name', params: { kind: 'saved-search' } },
  'not-in-collection': { code: 'not-in-collection', params: { id: 7, name: 'Typhoon 2026' } },
  'quote-empty': { code: 'quote-empty' },
  'quote-not-found': { code: 'quote-not-found', params: { occurrences: 2, asked: 4 } },
  'quote-ambiguous': { code: 'quote-ambiguous', params: { occurrences: 3 } },
  'highlight-not-found': { code: 'highlight-not-found', params: { id: 7 } },
  'no-articles': { code: 'no-articles' },
  'export-source': { code: 'export-source' },
  'too-many-to-cite': { code: 'too-many-to-cite', params: { count: 2400, max: 1000 } },
  internal: { code: 'internal' },
  'invalid-utf8': { code: 'invalid-utf8' },
  'decoded-from': { code: 'decoded-from', params: { encoding: 'GB18030' } },
  'front-matter-unclosed': { code: 'front-matter-unclosed' },
  'front-matter-invalid': {
    code: 'front-matter-invalid',
    params: {
      format: 'yaml',
      line: 3,
      detail: 'Nested mappings are not allowed in compact mappings',
    },
  },
  'front-matter-not-map': { code: 'front-matter-not-map', params: { format: 'yaml', got: 'list' } },
  'unknown-date': { code: 'unknown-date' },
  'date-not-understood': {
    code: 'date-not-understood',
    params: { value: 'soon', fromPath: '2025-02-13' },
  },
  'image-refused': {
    code: 'image-refused',
    params: { src: '../x.png', why: { code: 'outside-folder' } },
  },
  'image-failed': {
    code: 'image-failed',
    params: { src: 'img/a.png', why: { code: 'file-missing' } },
  },
  'not-markdown': { code: 'not-markdown' },
  'empty-file': { code: 'empty-file' },
  'binary-file': { code: 'binary-file' },
  'hidden-folder': { code: 'hidden-folder' },
  'not-regular-file': { code: 'not-regular-file' },
  'folder-seen': { code: 'folder-seen' },
  'permission-denied': { code: 'permission-denied' },
  vanished: { code: 'vanished' },
  'broken-link': { code: 'broken-link' },
  'link-loop': { code: 'link-loop' },
  'read-error': { code: 'read-error', params: { detail: 'EIO' } },
  'parse-error': { code: 'parse-error', params: { detail: 'Maximum call stack size exceeded' } },
  'redirect-without-location': { code: 'redirect-without-location', params: { status: 302 } },
  'redirect-invalid': { code: 'redirect-invalid' },
  'redirect-scheme': { code: 'redirect-scheme', params: { scheme: 'file:' } },
  'redirect-loop': { code: 'redirect-loop' },
  'too-many-redirects': { code: 'too-many-redirects', params: { max: 5 } },
  'http-error': { code: 'http-error', params: { status: 404 } },
  'too-large': { code: 'too-large', params: { limit: 10485760, size: 50331648 } },
  'empty-answer': { code: 'empty-answer' },
  'not-an-image': { code: 'not-an-image', params: { servedAs: 'text/html' } },
  'no-answer': { code: 'no-answer', params: { ms: 15000 } },
  'timed-out': { code: 'timed-out', params: { ms: 15000 } },
  'host-not-found': { code: 'host-not-found' },
  'tls-failed': { code: 'tls-failed', params: { detail: 'CERT_HAS_EXPIRED' } },
  'connect-timeout': { code: 'connect-timeout' },
  'network-error': { code: 'network-error', params: { detail: 'other side closed' } },
  'private-address': { code: 'private-address', params: { address: '192.168.1.10' } },
  'store-failed': { code: 'store-failed', params: { detail: 'ENOSPC: no space left on device' } },
  'file-missing': { code: 'file-missing' },
  'not-a-file': { code: 'not-a-file' },
  'copy-failed': { code: 'copy-failed', params: { detail: 'EACCES' } },
  'earlier-failure': { code: 'earlier-failure', params: { text: 'HTTP 404 Not Found' } },
  'invalid-value': {
    code: 'invalid-value',
    params: { field: 'date', rule: 'date', value: 'soon' },
  },
  'no-such-revision': { code: 'no-such-revision', params: { id: 7, count: 2 } },
  'no-labels': { code: 'no-labels' },
  'backup-failed': {
    code: 'backup-failed',
    params: { file: '/b/backup.db', reason: 'integrity', detail: 'row 3 missing from index' },
  },
  'in-trash': { code: 'in-trash' },
  discarded: { code: 'discarded' },
}

/** Names, numbers and addresses from the parameters may appear in any language; so may the
 * few technical words a Chinese reader also sees in Latin letters. Anything else is English. */
// names of things, the same in every language
const LATIN_OK =
  /^(HTTP|JSON|YAML|TOML|UTF|Lectern|MB|KB|true|false|file|Markdown|PDF|CSL|RIS|BibTeX|Chromium|Google|Chrome|Debian|Ubuntu)$/

/** Parameters that are themselves codes (`rule: 'whole-number'`) must be translated, not shown. */
const CODE_KEYS = new Set(['code', 'rule', 'action', 'job', 'format', 'got', 'reason', 'field'])

function shownValues(params: unknown): string[] {
  if (typeof params !== 'object' || params === null) return []
  return Object.entries(params).flatMap(([k, v]) =>
    typeof v === 'string' ? (CODE_KEYS.has(k) ? [] : [v]) : shownValues(v),
  )
}

function strayEnglish(text: string, p: Problem): string[] {
  let rest = text
  for (const v of shownValues(p.params).sort((a, b) => b.length - a.length)) {
    rest = rest.split(v).join(' ')
  }
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_OK.test(w))
}

describe('problem messages', () => {
  it.each(Object.values(EXAMPLES).map((p) => [p.code, p] as const))(
    '%s reads in Chinese with no English words, and in English',
    (_code, p) => {
      const zh = describeZh(p)
      expect(zh).toMatch(/[\u4e00-\u9fff]/)
      expect(strayEnglish(zh, p)).toEqual([])
      const en = describeEn(p)
      expect(en).not.toMatch(/[\u4e00-\u9fff]/)
      expect(en).not.toBe(p.code)
    },
  )

  it('shows the English detail of a library only in English', () => {
    const p = EXAMPLES['front-matter-invalid']
    expect(describeEn(p)).toBe(
      'front matter: invalid YAML (line 3): Nested mappings are not allowed in compact mappings — imported as body',
    )
    expect(describeZh(p)).toBe('前言不是有效的 YAML（第 3 行），已作为正文导入')
  })

  it('words a code it does not know (from a newer archive) as the code, never crashing', () => {
    const unknown = { code: 'from-the-future' } as unknown as Problem
    expect(describeZh(unknown)).toBe('from-the-future')
  })
})
