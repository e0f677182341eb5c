import { labelKey } from '../db/labels'
import type { Archive } from '../db/open'
import { hasLabelSql, shownSql } from '../db/shown'
import type { LabelFilter, ParsedQuery } from '../shared/query'

/** SQL conditions on `a` (articles) for the query's filters, with their bound parameters, on
 * the values as shown (the user's edits win). */
export function filterSql(db: Archive, q: ParsedQuery): { where: string[]; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  for (const f of q.filters) {
    const { sql, args } = one(db, f)
    where.push(f.negate ? `NOT (${sql})` : sql)
    params.push(...args)
  }
  const date = shownSql(db, 'date')
  if (q.after) {
    where.push(`${date} >= ?`)
    params.push(q.after)
  }
  if (q.before) {
    where.push(`${date} < ?`)
    params.push(q.before)
  }
  return { where, params }
}

function one(db: Archive, f: LabelFilter): { sql: string; args: unknown[] } {
  switch (f.field) {
    case 'tag':
    case 'category':
      return hasLabelSql(db, f.field, labelKey(f.value))
    case 'lang': {
      const lang = shownSql(db, 'lang')
      // lang:zh covers zh-CN, zh-HK and zh-TW.
      return {
        sql: `(${lang} = ? COLLATE NOCASE OR ${lang} LIKE ? ESCAPE '\\')`,
        args: [f.value, `${likeEscape(f.value)}-%`],
      }
    }
    case 'source': {
      const name = shownSql(db, 'sourceName')
      const url = shownSql(db, 'sourceUrl')
      // A source is its name (`qq`) or the host of its link (`new.qq.com`, `qq.com`).
      const host = f.value.toLowerCase().replace(/^www\./, '')
      return {
        sql: `(${name} = ? COLLATE NOCASE OR lower(${url}) LIKE ? ESCAPE '\\'
               OR lower(${url}) LIKE ? ESCAPE '\\')`,
        args: [f.value, `%://${likeEscape(host)}/%`, `%.${likeEscape(host)}/%`],
      }
    }
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
