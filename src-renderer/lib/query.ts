// Pure helpers for the query text in the search box: which filters it holds (shown as chips),
// adding one from a facet click, removing one. The server's parser stays the authority on
// meaning; this only needs to find `key:value` tokens the same way it does.
export type FilterKey = 'tag' | 'category' | 'lang' | 'source' | 'after' | 'before' | 'title'

export interface QueryFilter {
  key: FilterKey
  value: string
  negate: boolean
  /** The token exactly as it appears in the query, so removing it is a plain cut. */
  raw: string
  start: number
  end: number
}

const KEYS = new Set<string>(['tag', 'category', 'lang', 'source', 'after', 'before', 'title'])
// -?key:"quoted value" | -?key:value
const TOKEN = /(^|\s)(-?)([a-zA-Z]+):("[^"]*"?|\S+)/g

export function parseFilters(query: string): QueryFilter[] {
  const out: QueryFilter[] = []
  for (const m of query.matchAll(TOKEN)) {
    const key = m[3]!.toLowerCase()
    if (!KEYS.has(key)) continue
    const lead = m[1]!.length
    const start = m.index + lead
    const raw = m[0].slice(lead)
    const value = m[4]!.replace(/^"|"$/g, '')
    if (value === '') continue
    out.push({
      key: key as FilterKey,
      value,
      negate: m[2] === '-',
      raw,
      start,
      end: start + raw.length,
    })
  }
  return out
}

export function filterToken(key: FilterKey, value: string, negate = false): string {
  const v = /[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value
  return `${negate ? '-' : ''}${key}:${v}`
}

function tidy(q: string): string {
  return q.replace(/\s+/g, ' ').trim()
}

export function removeFilter(query: string, f: Pick<QueryFilter, 'start' | 'end'>): string {
  return tidy(query.slice(0, f.start) + ' ' + query.slice(f.end))
}

/** Adds `key:value`; for the single-valued date bounds the new value replaces the old. */
export function addFilter(query: string, key: FilterKey, value: string): string {
  let q = query
  const existing = parseFilters(q)
  if (existing.some((f) => f.key === key && f.value === value && !f.negate)) return tidy(q)
  if (key === 'after' || key === 'before') {
    for (const f of existing.filter((f) => f.key === key).reverse()) q = removeFilter(q, f)
  }
  return tidy(`${q} ${filterToken(key, value)}`)
}

/** `after:2025 before:2026`: one calendar year, as the timeline offers it. */
export function setYear(query: string, year: number): string {
  return addFilter(addFilter(query, 'after', String(year)), 'before', String(year + 1))
}

/** Words to mark in an opened article: the plain and quoted terms, not filters or exclusions. */
export function highlightTerms(query: string): string[] {
  const terms: string[] = []
  const src = query.normalize('NFKC').replace(/[\u201c\u201d]/g, '"')
  for (const m of src.matchAll(/(-?)(?:([a-zA-Z]+):)?("([^"]*)"?|\S+)/g)) {
    const [all, neg, field, value, quoted] = m
    if (neg) continue
    const f = field?.toLowerCase()
    let text: string
    if (f && KEYS.has(f)) {
      if (f !== 'title') continue
      text = quoted ?? value ?? ''
    } else {
      text = f ? all : (quoted ?? value ?? '')
    }
    text = text.replace(/\*+$/, '').trim()
    if (text === '' || text === 'OR' || text === 'AND') continue
    terms.push(text)
  }
  return [...new Set(terms)]
}
