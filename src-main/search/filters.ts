import { labelKey } from '../db/labels'
import type { Archive } from '../db/open'
import { hasLabelSql, shownSql } from '../db/shown'
import { normalizeText } from '../text/normalize'
import type { HasFilter, LabelFilter, NoteFilter, ParsedQuery } from '../shared/query'

/** SQL conditions on `a` (articles) for the query's filters, with their bound parameters, on
 * the values as shown (the user's edits win). `has:` and `note:` look at `owner`'s highlights and
 * notes only; `collection:` and `is:` at `owner`'s collections and reading status. */
export function filterSql(
  db: Archive,
  q: ParsedQuery,
  owner: string,
): { where: string[]; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  const parts = [
    ...q.filters.map((f) => ({ negate: f.negate, ...one(db, f) })),
    ...q.has.map((f) => ({ negate: f.negate, ...has(f, owner) })),
    ...q.notes.map((f) => ({ negate: f.negate, ...noteSql(f, owner) })),
  ]
  for (const { negate, sql, args } of parts) {
    where.push(negate ? `NOT (${sql})` : sql)
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

const HIGHLIGHTED = `EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.owner = ?)`

function has(f: HasFilter, owner: string): { sql: string; args: unknown[] } {
  if (f.value === 'highlight') return { sql: HIGHLIGHTED, args: [owner] }
  // A note is the article's own note or one written on any of its highlights.
  return {
    sql: `(EXISTS (SELECT 1 FROM article_notes n WHERE n.article_id = a.id AND n.owner = ?)
           OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.owner = ?
                        AND h.note IS NOT NULL AND h.note <> ''))`,
    args: [owner, owner],
  }
}

/** The text of `note:` (a word, or a phrase when quoted) must occur in one of the reader's notes,
 * both folded as articles are: `note:阿里` finds 阿里巴巴 in a note, `note:臺灣` finds 台湾. */
function noteSql(f: NoteFilter, owner: string): { sql: string; args: unknown[] } {
  const needle = normalizeText(f.text).trim()
  return {
    sql: `(EXISTS (SELECT 1 FROM article_notes n WHERE n.article_id = a.id AND n.owner = ?
                     AND instr(lectern_fold(n.note), ?) > 0)
           OR EXISTS (SELECT 1 FROM highlights h WHERE h.article_id = a.id AND h.owner = ?
                        AND h.note IS NOT NULL AND instr(lectern_fold(h.note), ?) > 0))`,
    args: [owner, needle, owner, needle],
  }
}

function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`)
}
