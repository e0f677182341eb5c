import { dateFromPath, parseDate } from './dates'
import { splitFrontMatter } from './frontmatter'
import type { ParsedArticle } from './types'
import type { ImportWarning } from '../shared/problems'
import { lastLine, SOURCE_LINK } from '../text/source-line'

type Fields = Map<string, unknown>

/** Front matter keys are matched case-insensitively; the first spelling in the file wins. */
function fieldsOf(data: Record<string, unknown>): Fields {
  const fields: Fields = new Map()
  for (const [key, value] of Object.entries(data)) {
    const k = key.toLowerCase()
    if (!fields.has(k)) fields.set(k, value)
  }
  return fields
}

const isBlank = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.every(isBlank))

/** The value of the first of `keys` that holds something. */
function pick(fields: Fields, ...keys: string[]): unknown {
  for (const key of keys) {
    const v = fields.get(key)
    if (!isBlank(v)) return v
  }
  return undefined
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return null
}

/** A list, or one value; objects count by their name (`{name: ..., url: ...}`). */
function items(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v]
  return list
    .map((x) => (isRecord(x) ? x.name : x))
    .map(text)
    .filter((x): x is string => x !== null)
}

function firstText(v: unknown): string | null {
  return items(v)[0] ?? null
}

function terms(v: unknown): string[] {
  // `tags: "a, b"` and the Chinese `标签，新闻` forms are common in hand-written front matter.
  const split = typeof v === 'string' ? v.split(/[,，、]/) : items(v)
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of split) {
    const term = raw.trim()
    const key = term.toLowerCase()
    if (term === '' || seen.has(key)) continue
    seen.add(key)
    out.push(term)
  }
  return out
}

function titleOf(fields: Fields, body: string, relPath: string): string {
  const fromFields = text(pick(fields, 'title'))?.replace(/\s+/g, ' ')
  return fromFields || headingOf(body) || nameOf(relPath)
}

/** The first `# ` heading outside code blocks, else the first heading of any level. */
function headingOf(body: string): string | null {
  let fence: string | null = null
  let any: string | null = null
  for (const line of body.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line)
    if (f) {
      if (fence === null) fence = f[1]![0]!
      else if (f[1]![0] === fence) fence = null
      continue
    }
    if (fence !== null) continue
    const h = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)
    const content = h?.[2]?.trim()
    if (!h || !content) continue
    if (h[1] === '#') return content
    any ??= content
  }
  return any
}

function nameOf(relPath: string): string {
  const file = relPath.replace(/\\/g, '/').split('/').pop() ?? ''
  const stem = file
    .replace(/\.(md|markdown|mdown|mkd)$/i, '')
    .replace(/\.[a-z]{2}(?:[-_][a-z0-9]{2,4})?$/i, '')
  return stem.trim() || file.trim() || 'Untitled'
}

const DATE_KEYS = [
  'date',
  'published',
  'pubdate',
  'created',
  'publishdate',
  'published_at',
  'publish_date',
]

function dateOf(fields: Fields, relPath: string, warnings: ImportWarning[]): string | null {
  let rejected: unknown
  for (const key of DATE_KEYS) {
    const v = fields.get(key)
    if (isBlank(v)) continue
    const date = parseDate(v)
    if (date) return date
    rejected ??= v
  }
  const fromPath = dateFromPath(relPath)
  if (rejected !== undefined) {
    const shown = typeof rejected === 'string' ? rejected : JSON.stringify(rejected)
    const value = shown.slice(0, 80)
    const params = fromPath ? { value, fromPath } : { value }
    warnings.push({ code: 'date-not-understood', params })
  } else if (!fromPath) warnings.push({ code: 'unknown-date' })
  return fromPath
}

function authorOf(fields: Fields): string | null {
  const names = items(pick(fields, 'author', 'authors'))
  return names.length > 0 ? names.join(', ') : null
}

function thumbnailOf(fields: Fields): string | null {
  const v = pick(fields, 'thumbnail', 'image', 'cover', 'featured_image', 'images')
  const first = Array.isArray(v) ? v[0] : v
  // Hugo themes nest it: `cover: { image: ..., alt: ... }`.
  if (isRecord(first)) return text(first.image ?? first.src ?? first.url)
  return text(first)
}

function httpUrl(v: unknown): URL | null {
  const s = text(v)
  if (!s || !/^https?:\/\//i.test(s)) return null
  try {
    return new URL(s)
  } catch {
    return null
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v)

const hostOf = (url: URL): string => url.hostname.replace(/^www\./i, '')

function sourceOf(fields: Fields, body: string): { url: string | null; name: string | null } {
  const link = SOURCE_LINK.exec(lastLine(body))
  const linked = link ? httpUrl(link[2]) : null
  if (link && linked) return { url: link[2]!, name: link[1]!.trim() || hostOf(linked) }

  let name: string | null = null
  for (const key of ['source', 'link', 'original', 'source_url', 'url']) {
    const v = fields.get(key)
    const obj = isRecord(v) ? v : null
    const raw = obj ? (obj.url ?? obj.link) : v
    const url = httpUrl(raw)
    // `source: Reuters` names the source even when the URL sits under another key.
    if (key === 'source' || obj) name ??= text(obj ? obj.name : url ? null : v)
    if (url) return { url: text(raw)!, name: name ?? hostOf(url) }
  }
  return { url: null, name }
}

export function parseArticle(input: string, relPath: string): ParsedArticle {
  const normalised = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const fm = splitFrontMatter(normalised)
  const fields = fieldsOf(fm.data)
  const warnings = [...fm.warnings]
  const source = sourceOf(fields, fm.body)
  const date = dateOf(fields, relPath, warnings)
  return {
    title: titleOf(fields, fm.body, relPath),
    date,
    summary: text(pick(fields, 'summary', 'description', 'excerpt')),
    lang: firstText(pick(fields, 'lang', 'language', 'locale'))?.replace(/_/g, '-') ?? null,
    categories: terms(pick(fields, 'categories', 'category')),
    tags: terms(pick(fields, 'tags', 'tag', 'keywords')),
    thumbnail: thumbnailOf(fields),
    sourceUrl: source.url,
    sourceName: source.name,
    author: authorOf(fields),
    markdown: fm.body,
    frontMatter: fm.data,
    warnings,
  }
}
