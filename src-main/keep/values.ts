import { parseDate } from '../import/dates'
import { labelKey } from '../db/labels'
import type { Article, EditableField } from '../shared/types'
import { LecternError } from '../shared/errors'
import type { InvalidValueRule } from '../shared/problems'

const invalid = (
  field: string,
  rule: InvalidValueRule,
  more: { value?: string; max?: number } = {},
) => new LecternError('invalid-value', { field, rule, ...more })

const MAX_TEXT = 10_000

function text(field: string, v: unknown, max = MAX_TEXT): string | null {
  if (v === null) return null
  if (typeof v !== 'string') throw invalid(field, 'not-text')
  const t = v.trim()
  if (t.length > max) throw invalid(field, 'too-long', { max })
  return t === '' ? null : t
}

/** Trimmed, empty ones dropped, merged case-insensitively keeping the first spelling, as the
 * importer does, so an edited list and an imported one compare alike. */
export function cleanLabels(field: string, v: unknown): string[] {
  if (!Array.isArray(v)) throw invalid(field, 'not-list')
  const seen = new Set<string>()
  const out: string[] = []
  for (const x of v) {
    const name = text(field, x, 200)
    if (name === null || seen.has(labelKey(name))) continue
    seen.add(labelKey(name))
    out.push(name)
  }
  return out
}

/** Checks and tidies one field's new value the way the importer would have read it. */
export function cleanValue<F extends EditableField>(field: F, v: unknown): Article[F] {
  switch (field) {
    case 'title': {
      const t = text('title', v, 1000)
      if (t === null) throw invalid('title', 'empty')
      return t as Article[F]
    }
    case 'date': {
      if (v === null || v === '') return null as Article[F]
      const d = parseDate(v)
      if (d === null) throw invalid('date', 'date', { value: String(v) })
      return d as Article[F]
    }
    case 'lang': {
      const l = text('lang', v, 35)
      if (l !== null && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(l)) {
        throw invalid('lang', 'lang', { value: l })
      }
      return l as Article[F]
    }
    case 'sourceUrl': {
      const u = text('sourceUrl', v, 2000)
      if (u !== null && !/^https?:\/\/[^\s/]+/i.test(u))
        throw invalid('sourceUrl', 'url', { value: u })
      return u as Article[F]
    }
    case 'tags':
    case 'categories':
      return cleanLabels(field, v) as Article[F]
    default:
      return text(field, v) as Article[F]
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}
