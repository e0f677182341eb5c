// One article as a Markdown file that Lectern (and Hugo, Obsidian, …) reads back: the original
// front matter, key for key, plus whatever the archive knows that those keys do not say (a title
// taken from a heading, a date from the old path), plus the user's own data under `lectern`.
// Pure: the writer in markdown.ts does the files.
import { lazyPackage } from '../lazy-package'
import { parseArticle } from '../import/parse'
import type { Article } from '../shared/types'
import type { ArticleAnnotations } from './annotations'

const YAML = lazyPackage<typeof import('yaml')>('yaml')

/** The fields compared on re-import: exactly what the parser derives from a file. */
export const ROUND_TRIP_FIELDS = [
  'title',
  'date',
  'summary',
  'lang',
  'categories',
  'tags',
  'thumbnail',
  'sourceUrl',
  'sourceName',
  'author',
  'markdown',
] as const

/** Lectern's own block in an exported file's front matter. */
export interface LecternBlock {
  /** Pictures that lived on the web, now beside the file: the new address → the original one. */
  pictures?: Record<string, string>
  /** Keys whose original value did not give the archive's value, as they were. */
  original?: Record<string, unknown>
  highlights?: ArticleAnnotations['highlights']
  note?: NonNullable<ArticleAnnotations['note']>
}

export interface MarkdownFile {
  text: string
  /** Keys added to the original front matter (the re-imported front matter has these too). */
  added: string[]
  /** Fields the file could not carry exactly (none expected; reported, not hidden). */
  inexact: string[]
}

/** The canonical key for each field, and the article's value under it. */
function canonical(a: Article): [string, unknown][] {
  return [
    ['title', a.title],
    ['date', a.date],
    ['summary', a.summary],
    ['lang', a.lang],
    ['categories', a.categories.length ? a.categories : null],
    ['tags', a.tags.length ? a.tags : null],
    ['thumbnail', a.thumbnail],
    ['source', a.sourceUrl],
    ['author', a.author],
  ]
}

const FIELD_KEY: Record<string, string> = { sourceUrl: 'source', sourceName: 'source' }

function hasKey(fm: Record<string, unknown>, key: string): string | undefined {
  return Object.keys(fm).find((k) => k.toLowerCase() === key)
}

function lecternOf(fm: Record<string, unknown>): LecternBlock {
  const b = fm.lectern
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as LecternBlock) : {}
}

function serialise(fm: Record<string, unknown>, body: string): string {
  // lineWidth 0: no folding, so a long title reads as one line in other tools too.
  const yaml = Object.keys(fm).length ? YAML().stringify(fm, { lineWidth: 0 }) : ''
  return `---\n${yaml}---\n\n${body}`
}

function differing(a: Article, body: string, text: string, rel: string): string[] {
  const back = parseArticle(text, rel)
  const want: Record<string, unknown> = { ...a, markdown: body }
  return ROUND_TRIP_FIELDS.filter(
    (f) => JSON.stringify(back[f]) !== JSON.stringify(want[f]),
  ) as string[]
}

/**
 * The file for `a`, to be written at `rel` (relative to the export folder), with `body` (the
 * Markdown, its web pictures pointing at their copies) and Lectern's block.
 */
export function markdownFile(
  a: Article,
  rel: string,
  body: string,
  block: LecternBlock,
): MarkdownFile {
  const fm: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a.frontMatter)) {
    // `__proto__` from a file must stay a key, not become the prototype.
    Object.defineProperty(fm, k, { value: v, enumerable: true, writable: true, configurable: true })
  }
  const added: string[] = []
  for (const [key, value] of canonical(a)) {
    if (value === null || hasKey(fm, key) !== undefined) continue
    fm[key] = value
    added.push(key)
  }
  // An article imported from an earlier export keeps that export's block (its pictures' web
  // addresses, original values) in its front matter: this export adds to it, not replaces it.
  const prev = lecternOf(fm)
  const own: LecternBlock = { ...prev, ...block }
  for (const k of ['pictures', 'original'] as const) {
    if (prev[k] && block[k]) own[k] = { ...prev[k], ...block[k] } as never
  }
  const withBlock = () => {
    const out = { ...fm }
    if (Object.values(own).some((v) => v !== undefined)) out.lectern = own
    return out
  }
  let text = serialise(withBlock(), body)
  let wrong = differing(a, body, text, rel)
  // An original key that says something else (a date the parser did not understand, where the
  // old path gave one): the archive's value takes the key, the original is kept in `lectern`.
  if (wrong.length) {
    const values = Object.fromEntries(canonical(a))
    for (const field of wrong) {
      const key = FIELD_KEY[field] ?? field
      const existing = hasKey(fm, key)
      if (existing === undefined || !(key in values)) continue
      own.original = { ...own.original, [existing]: fm[existing] }
      fm[existing] = values[key]
    }
    text = serialise(withBlock(), body)
    wrong = differing(a, body, text, rel)
  }
  const hadBlock = Object.keys(a.frontMatter).includes('lectern')
  if (!hadBlock && (own.original || own.pictures || own.highlights || own.note)) {
    added.push('lectern')
  }
  return { text, added, inexact: wrong }
}
