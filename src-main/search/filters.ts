import { labelKey } from '../db/labels'
import type { LabelFilter, ParsedQuery } from '../shared/query'

/** SQL conditions on `a` (articles) for the query's filters, with their bound parameters.
 * `owner` is whose collections and reading status `collection:` and `is:` mean. */
export function filterSql(q: ParsedQuery, owner: string): { where: string[]; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  for (const f of q.filters) {
    const { sql, args } = one(f)
    where.push(f.negate ? `NOT (${sql})` : sql)
    params.push(...args)
  }
  if (q.after) {
    where.push('a.date >= ?')
    params.push(q.after)
  }
  if (q.before) {
    where.push('a.date < ?')
    params.push(q.before)
  }
  for (const c of q.collections) {
    const sql = `EXISTS (SELECT 1 FROM collection_items ci JOIN collections c ON c.id = ci.collection_id
                  WHERE ci.article_id = a.id AND c.owner = ? AND c.name = ?)`
    where.push(c.negate ? `NOT ${sql}` : sql)
    params.push(owner, c.name)
  }
  for (const read of q.read) {
    // no row, or a row with read = 0, is unread
    const sql = `EXISTS (SELECT 1 FROM reading_status r
                  WHERE r.article_id = a.id AND r.owner = ? AND r.read = 1)`
    where.push(read ? sql : `NOT ${sql}`)
    params.push(owner)
  }
  return { where, params }
}

function one(f: LabelFilter): { sql: string; args: unknown[] } {
  switch (f.field) {
    case 'tag':
    case 'category':
      return {
        sql: `EXISTS (SELECT 1 FROM article_labels al JOIN labels l ON l.id = al.label_id
                WHERE al.article_id = a.id AND l.kind = ? AND l.key = ?)`,
        args: [f.field, labelKey(f.value)],
      }
    case 'lang':
      // lang:zh covers zh-CN, zh-HK and zh-TW.
      return {
        sql: `(a.lang = ? COLLATE NOCASE OR a.lang LIKE ? ESCAPE '\\')`,
        args: [f.value, `${likeEscape(f.value)}-%`],
      }
    case 'source': {
      // A source is its name (`qq`) or the host of its link (`new.qq.com`, `qq.com`).
      const host = f.value.toLowerCase().replace(/^www\./, '')
      return {
        sql: `(a.source_name = ? COLLATE NOCASE OR lower(a.source_url) LIKE ? ESCAPE '\\'
               OR lower(a.source_url) LIKE ? ESCAPE '\\')`,
        args: [f.value, `%://${likeEscape(host)}/%`, `%.${likeEscape(host)}/%`],
      }
    }
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
