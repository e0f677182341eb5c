import { isCjk } from './cjk'

// The one parser for what users type in the search box: the server builds its search from the
// result, the renderer its filter chips, reader marks and warnings, so they cannot disagree.
// It never throws and never produces search-engine syntax: anything it does not recognise is
// plain text, and plain text only ever reaches FTS5 quoted (see search/fts.ts).
//
//   a b            both words (AND)
//   "a b"          the exact phrase
//   a OR b c       (a OR b) AND c; only uppercase OR; a dangling OR is ignored
//   AND            uppercase AND is accepted and ignored (terms are ANDed anyway)
//   -a  -"a b"     leave out articles matching
//   elect*         words starting with elect (Latin only: 阿* is just 阿)
//   title:a  title:"a b"  -title:a     in the title only
//   tag:x category:x lang:x source:x   label filters; quoted values allowed; -tag:x excludes
//   after:2025 after:2025-02 after:2025-02-13    date >= the first day of that period
//   before:2025 before:2025-02 before:2025-02-13 date <  the first day of that period
//   has:highlight has:note  -has:note    articles the reader highlighted / wrote a note on
//   note:x note:"a b" -note:x            the reader's notes (on the article or a highlight)
//   collection:"台风 2026"   in the reader's collection of that name; -collection:x leaves out
//   is:read  is:unread       the reader's reading status (-is:read is is:unread)
//
// So `after:2025 before:2026` is the year 2025, and `-before:x` is `after:x` (and vice versa).
// Full-width forms typed with a CJK IME (ｔａｇ：ＡＩ, －word, ＂a b＂) and curly quotes mean the
// same as their ASCII forms; every span still points into the text exactly as typed.

export type LabelField = 'tag' | 'category' | 'lang' | 'source'
export type QueryField =
  LabelField | 'title' | 'after' | 'before' | 'has' | 'note' | 'collection' | 'is'
/** What `has:` can ask for: the reader's own marks on an article. */
export const HAS_VALUES = ['highlight', 'note'] as const
export type HasValue = (typeof HAS_VALUES)[number]

/** UTF-16 offsets into the query as typed: `typed.slice(start, end)` is the token. */
export interface Span {
  start: number
  end: number
}

export interface SearchTerm {
  /** Without the quotes or a trailing `*`, NFKC'd: `election`, `machine learning`, `阿里`. */
  text: string
  /** Typed in double quotes. */
  phrase: boolean
  /** `elect*`: any word starting with `elect`. Never set when the text ends in CJK. */
  prefix: boolean
  /** `title:` searches the title only; null searches title and body. */
  field: 'title' | null
  /** The whole token as typed, with its `-`, `title:`, quotes and `*`. */
  span: Span
}

export interface LabelFilter {
  field: LabelField
  /** Trimmed, as typed (NFKC'd, not case-folded): the caller decides how labels compare. */
  value: string
  /** `-tag:x`: articles with this label are left out. */
  negate: boolean
  span: Span
}

/** A `key:value` token as typed (what a filter chip shows), whether or not it was usable. */
export interface FieldToken {
  field: QueryField
  /** NFKC'd, without quotes, trimmed. */
  value: string
  negate: boolean
  span: Span
}

/** `has:note`: articles with (or, negated, without) the reader's highlights or notes. */
export interface HasFilter {
  value: HasValue
  negate: boolean
  span: Span
}

/** `note:words`: the reader's notes contain the text (compared after normalizeText). */
export interface NoteFilter {
  text: string
  negate: boolean
  span: Span
}

/** A part of the query that was ignored, or a combination that cannot match. */
export type QueryWarning =
  | { code: 'bad-date'; field: 'after' | 'before'; value: string; span: Span }
  | { code: 'bad-has'; value: string; span: Span }
  | { code: 'no-value'; field: QueryField; span: Span }
  | { code: 'empty-date-range'; after: string; before: string }
  | { code: 'bad-status'; value: string; span: Span }
  | { code: 'unknown-collection'; name: string; span: Span }

/** `collection:"台风 2026"`: in (or, negated, not in) the reader's collection of that name. */
export interface CollectionFilter {
  /** NFKC'd and trimmed, as collection names are stored. */
  name: string
  negate: boolean
  span: Span
}

export interface ParsedQuery {
  /** Each group must match; a group matches when any of its terms does (`a OR b` is one group). */
  groups: SearchTerm[][]
  /** Articles matching any of these are left out. */
  exclude: SearchTerm[]
  /** All must hold: several `tag:` filters mean articles carrying every one of those tags. */
  filters: LabelFilter[]
  /** The reader's own marks: `has:highlight`, `-has:note`. All must hold. */
  has: HasFilter[]
  /** `note:x`: all must hold. They are the reader's, so they live apart from the article text. */
  notes: NoteFilter[]
  /** Every `key:value` token with a value, in typed order: tags, titles and dates alike. */
  fields: FieldToken[]
  /**
   * Dates as `YYYY-MM-DD`. Keep articles with `date >= after` and `date < before`, comparing the
   * stored ISO text as plain strings (`2025-02-13T09:00+08:00` >= `2025-02-13`, and not <).
   */
  after: string | null
  before: string | null
  /** All must hold. */
  collections: CollectionFilter[]
  /** `is:read` → true, `is:unread` (or `-is:read`) → false; all must hold. */
  read: boolean[]
  warnings: QueryWarning[]
}

const LABEL_FIELDS = new Set<string>(['tag', 'category', 'lang', 'source'])
const KNOWN_FIELDS = new Set<string>([
  ...LABEL_FIELDS,
  'title',
  'before',
  'after',
  'has',
  'note',
  'collection',
  'is',
])
// `has:highlights`, `has:notes` and `has:高亮`/`has:笔记` are what people type as well
const HAS_WORDS: Record<string, HasValue> = {
  highlight: 'highlight',
  highlights: 'highlight',
  高亮: 'highlight',
  note: 'note',
  notes: 'note',
  笔记: 'note',
}
const FIELD = /^([a-z]+):/i
const SPACE = /\s/
// IMEs and word processors turn " into curly quotes; people still mean a phrase
const CURLY_QUOTE = /^[\u201c\u201d\u201e\u201f\u2033]$/
const WORD_CHAR = /[\p{L}\p{N}]/u
const MARK = /\p{M}/u

/**
 * The query NFKC'd one character (with its combining marks) at a time, so each unit of the
 * result knows the typed character it came from: `at[i]` is the typed offset of `text[i]`, and
 * `at[text.length]` is the typed length. (NFKC of the whole string could merge neighbours.)
 */
function foldTyped(typed: string): { text: string; at: number[] } {
  let text = ''
  const at: number[] = []
  let i = 0
  while (i < typed.length) {
    let end = i + (typed.codePointAt(i)! > 0xffff ? 2 : 1)
    while (end < typed.length && MARK.test(String.fromCodePoint(typed.codePointAt(end)!))) {
      end += typed.codePointAt(end)! > 0xffff ? 2 : 1
    }
    const chunk = typed.slice(i, end)
    const out = CURLY_QUOTE.test(chunk) ? '"' : chunk.normalize('NFKC')
    text += out
    for (let k = 0; k < out.length; k++) at.push(i)
    i = end
  }
  at.push(typed.length)
  return { text, at }
}

type Item = { kind: 'or' } | { kind: 'term'; term: SearchTerm; negate: boolean } | { kind: 'other' }

interface Scan {
  s: string
  i: number
}

function readQuoted(sc: Scan): string {
  // sc.i is on the opening quote; an unbalanced quote runs to the end of the input
  const close = sc.s.indexOf('"', sc.i + 1)
  const end = close < 0 ? sc.s.length : close
  const text = sc.s.slice(sc.i + 1, end)
  sc.i = close < 0 ? sc.s.length : close + 1
  return text
}

function readWord(sc: Scan): string {
  const start = sc.i
  while (sc.i < sc.s.length && !SPACE.test(sc.s[sc.i]!)) sc.i++
  return sc.s.slice(start, sc.i)
}

function lastCodePoint(s: string): number {
  const chars = Array.from(s)
  return chars.length === 0 ? 0 : chars[chars.length - 1]!.codePointAt(0)!
}

function plainTerm(raw: string, field: 'title' | null, span: Span): SearchTerm {
  const stripped = raw.replace(/\*+$/, '')
  const last = lastCodePoint(stripped)
  const prefix =
    stripped.length < raw.length &&
    last !== 0 &&
    WORD_CHAR.test(String.fromCodePoint(last)) &&
    !isCjk(last)
  return { text: stripped, phrase: false, prefix, field, span }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** `2025` → `2025-01-01`, `2025-2` → `2025-02-01`, `2025/02/13` → `2025-02-13`; else null. */
function periodStart(value: string): string | null {
  const m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$/.exec(value)
  if (m === null) return null
  const year = Number(m[1])
  const month = m[2] === undefined ? 1 : Number(m[2])
  const day = m[3] === undefined ? 1 : Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    groups: [],
    exclude: [],
    filters: [],
    has: [],
    notes: [],
    fields: [],
    after: null,
    before: null,
    collections: [],
    read: [],
    warnings: [],
  }
  const { text: s, at } = foldTyped(String(input ?? ''))
  const span = (from: number, to: number): Span => ({ start: at[from]!, end: at[to]! })
  const sc: Scan = { s, i: 0 }
  const items: Item[] = []

  const addDate = (name: 'before' | 'after', value: string, negate: boolean, where: Span) => {
    const start = periodStart(value)
    if (start === null) {
      q.warnings.push({ code: 'bad-date', field: name, value, span: where })
      return
    }
    // "not before X" is "from X on", and "not after X" is "before X"
    const bound = negate ? (name === 'before' ? 'after' : 'before') : name
    if (bound === 'after') q.after = q.after === null || start > q.after ? start : q.after
    else q.before = q.before === null || start < q.before ? start : q.before
  }

  while (sc.i < s.length) {
    if (SPACE.test(s[sc.i]!)) {
      sc.i++
      continue
    }
    const tokenStart = sc.i
    let negate = false
    if (s[sc.i] === '-') {
      let j = sc.i
      while (s[j] === '-') j++
      sc.i = j
      // a dash on its own (or a run of them) is punctuation, not an exclusion
      if (j >= s.length || SPACE.test(s[j]!)) continue
      negate = true
    }

    if (s[sc.i] === '"') {
      const text = readQuoted(sc)
      if (text.trim() !== '') {
        const term = {
          text,
          phrase: true,
          prefix: false,
          field: null,
          span: span(tokenStart, sc.i),
        }
        items.push({ kind: 'term', term, negate })
      }
      continue
    }

    const start = sc.i
    const word = readWord(sc)
    if (!negate && word === 'OR') {
      items.push({ kind: 'or' })
      continue
    }
    if (!negate && word === 'AND') continue

    const f = FIELD.exec(word)
    const name = f?.[1]?.toLowerCase()
    if (f === null || name === undefined || !KNOWN_FIELDS.has(name)) {
      items.push({ kind: 'term', term: plainTerm(word, null, span(tokenStart, sc.i)), negate })
      continue
    }

    let value: string
    let quoted = false
    const valueStart = start + f[0].length
    if (s[valueStart] === '"') {
      // tag:"machine learning": the value may contain spaces, so re-read from the quote
      sc.i = valueStart
      value = readQuoted(sc)
      quoted = true
    } else {
      value = word.slice(f[0].length)
    }
    const where = span(tokenStart, sc.i)
    const field = name as QueryField
    value = value.trim()
    if (value === '') {
      q.warnings.push({ code: 'no-value', field, span: where })
      items.push({ kind: 'other' })
      continue
    }
    q.fields.push({ field, value, negate, span: where })

    if (field === 'title') {
      const term: SearchTerm = quoted
        ? { text: value, phrase: true, prefix: false, field: 'title', span: where }
        : plainTerm(value, 'title', where)
      items.push({ kind: 'term', term, negate })
    } else if (field === 'before' || field === 'after') {
      addDate(field, value, negate, where)
      items.push({ kind: 'other' })
    } else if (field === 'has') {
      const known = Object.prototype.hasOwnProperty.call(HAS_WORDS, value.toLowerCase())
      if (known) q.has.push({ value: HAS_WORDS[value.toLowerCase()]!, negate, span: where })
      else q.warnings.push({ code: 'bad-has', value, span: where })
      items.push({ kind: 'other' })
    } else if (field === 'note') {
      q.notes.push({ text: value, negate, span: where })
      items.push({ kind: 'other' })
    } else if (field === 'collection') {
      q.collections.push({ name: value.replace(/\s+/g, ' '), negate, span: where })
      items.push({ kind: 'other' })
    } else if (field === 'is') {
      const v = value.toLowerCase()
      if (v === 'read' || v === 'unread') q.read.push((v === 'read') !== negate)
      else q.warnings.push({ code: 'bad-status', value, span: where })
      items.push({ kind: 'other' })
    } else {
      q.filters.push({ field, value, negate, span: where })
      items.push({ kind: 'other' })
    }
  }

  let orPending = false
  let lastWasTerm = false
  for (const item of items) {
    if (item.kind === 'or') {
      orPending = lastWasTerm
      continue
    }
    if (item.kind === 'term' && item.term.text.trim() === '') {
      // `*` or `title:*` alone: nothing to search, and it should not break an OR chain either
      continue
    }
    if (item.kind === 'term' && !item.negate) {
      const last = q.groups[q.groups.length - 1]
      if (orPending && last !== undefined) last.push(item.term)
      else q.groups.push([item.term])
      lastWasTerm = true
    } else {
      if (item.kind === 'term') q.exclude.push(item.term)
      lastWasTerm = false
    }
    orPending = false
  }

  if (q.after !== null && q.before !== null && q.after >= q.before) {
    q.warnings.push({ code: 'empty-date-range', after: q.after, before: q.before })
  }
  return q
}
