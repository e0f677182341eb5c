// Editing the query text from the UI: a facet click adds `key:value`, a chip's × removes its
// token. What the text holds is never guessed here: the shared parser (the one the server
// searches with) says, and its spans say where each token is in the text as typed.
import {
  parseQuery,
  type FieldToken,
  type QueryField,
  type Span,
} from '../../src-main/shared/query'

export type FilterKey = QueryField

/** The filter chips of a query: every `key:value` token, in typed order. */
export function queryChips(query: string): FieldToken[] {
  return parseQuery(query).fields
}

export function filterToken(key: FilterKey, value: string, negate = false): string {
  const v = /[\s"“”]/.test(value) ? `"${value.replace(/["“”]/g, '')}"` : value
  return `${negate ? '-' : ''}${key}:${v}`
}

function tidy(q: string): string {
  return q.replace(/\s+/g, ' ').trim()
}

export function removeFilter(query: string, f: { span: Span }): string {
  return tidy(query.slice(0, f.span.start) + ' ' + query.slice(f.span.end))
}

/** Adds `key:value`; for the single-valued date bounds the new value replaces the old. */
export function addFilter(query: string, key: FilterKey, value: string): string {
  let q = query
  const existing = queryChips(q)
  if (existing.some((f) => f.field === key && f.value === value && !f.negate)) return tidy(q)
  if (key === 'after' || key === 'before') {
    // from the end, so the earlier spans stay where they are
    for (const f of existing.filter((f) => f.field === key).reverse()) q = removeFilter(q, f)
  }
  return tidy(`${q} ${filterToken(key, value)}`)
}

/** `after:2025 before:2026`: one calendar year, as the timeline offers it. */
export function setYear(query: string, year: number): string {
  return addFilter(addFilter(query, 'after', String(year)), 'before', String(year + 1))
}
