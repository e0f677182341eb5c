// An article as a CSL item (the Citation Style Language's data model, csl-data.json), the one
// input of citations and of every export. Only CSL variables: nothing private rides along.

import type { ReferenceFacts } from '../shared/annotations'

export type { ReferenceFacts }

export type CslName = { family: string; given?: string } | { literal: string }
export interface CslDate {
  'date-parts': [number, number?, number?][]
}

export interface CslItem {
  id: string
  type: 'article-newspaper' | 'webpage'
  title: string
  'container-title'?: string
  author?: CslName[]
  issued?: CslDate
  accessed: CslDate
  URL?: string
  language?: string
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/

/** Year, month and day as written at the start of an ISO date; null for no (or a broken) date. */
export function dateParts(iso: string | null): CslDate | undefined {
  const m = iso?.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/)
  if (!m) return undefined
  const parts: [number, number?, number?] = [Number(m[1])]
  if (m[2]) parts.push(Number(m[2]))
  if (m[3]) parts.push(Number(m[3]))
  return { 'date-parts': [parts] }
}

/**
 * Bylines as names. Chinese, Japanese and Korean names, and single words (agencies, pen names),
 * are kept whole as literals: splitting 张三 or "Reuters" into family and given would print them
 * wrongly in every style. "Jane Smith" becomes family Smith, given Jane.
 */
export function authorNames(byline: string | null): CslName[] | undefined {
  if (!byline?.trim()) return undefined
  const names = byline
    .split(/\s*(?:[;、，；]|,(?!\s*(?:Jr|Sr)\b)|\band\b|&)\s*/)
    .map((n) => n.trim())
    .filter(Boolean)
  return names.map((n): CslName => {
    const words = n.split(/\s+/)
    if (CJK.test(n) || words.length < 2) return { literal: n }
    return { family: words[words.length - 1] as string, given: words.slice(0, -1).join(' ') }
  })
}

export function cslItem(a: ReferenceFacts): CslItem {
  const item: CslItem = {
    id: String(a.id),
    type: a.sourceName ? 'article-newspaper' : 'webpage',
    title: a.title,
    accessed: dateParts(a.importedAt) as CslDate,
  }
  if (a.sourceName) item['container-title'] = a.sourceName
  const author = authorNames(a.author)
  if (author) item.author = author
  const issued = dateParts(a.date)
  if (issued) item.issued = issued
  if (a.sourceUrl) item.URL = a.sourceUrl
  if (a.lang) item.language = a.lang
  return item
}
