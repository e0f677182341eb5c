import { toIndexText } from '../text/normalize'
import type { ParsedQuery, SearchTerm } from '../shared/query'

// Builds FTS5 MATCH strings for a table created as
//   fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')
// whose text went through toIndexText. Every piece of user text is emitted as a double-quoted
// FTS5 string, so `AND`, `NEAR(`, `col:`, `^` or `*` typed by a user are never syntax. Inside a
// string FTS5 tokenizes again, so `"阿 里"` is a phrase of adjacent single-character tokens.

export interface FtsMatch {
  /** For `fts MATCH ?`; null when nothing searchable is left (list by filters only). With words
   * to find, the words to leave out are part of it (FTS5's NOT). */
  match: string | null
  /** For `rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)`: the words to leave out of a
   * list with no words to find (filters only); null otherwise. */
  exclude: string | null
}

// unicode61's default token characters are the categories L*, N* and Co: a string with none of
// them yields an empty phrase, which matches no row at all and would empty the whole AND.
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u

/** A term as FTS5, e.g. `title : "阿 里"` or `"elect" *`; null if it has no tokens. */
export function termToFts(term: SearchTerm): string | null {
  const text = toIndexText(term.text)
  if (!TOKEN_CHAR.test(text)) return null
  let expr = `"${text.replace(/"/g, '""')}"`
  // FTS5 marks the last token of the string as a prefix: "苹 果 ai" * is 苹果 then ai…
  if (term.prefix) expr += ' *'
  if (term.field === 'title') expr = `title : ${expr}`
  return expr
}

function anyOf(terms: SearchTerm[]): string | null {
  const parts = terms.map(termToFts).filter((p): p is string => p !== null)
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`
}

export function toFtsMatch(q: ParsedQuery): FtsMatch {
  const groups = q.groups.map(anyOf).filter((g): g is string => g !== null)
  const excluded = q.exclude.map(termToFts).filter((p): p is string => p !== null)
  const exclude = excluded.length === 0 ? null : excluded.join(' OR ')
  if (groups.length === 0) return { match: null, exclude }
  const match = groups.join(' AND ')
  if (exclude === null) return { match, exclude }
  // `a -b` in one FTS5 query, `a NOT b`: the same rows as a's without those of a NOT IN over b's
  // (which read b's whole list and kept the search on one thread: `market -election` took 51 ms
  // at 100,000 articles where `market` takes 15), ranked the same (b's words are in none of the
  // rows found, so they add nothing to bm25's sum). NOT binds tighter than AND and OR: both
  // sides in brackets when they are more than one term.
  const side = (s: string, n: number) => (n > 1 ? `(${s})` : s)
  return {
    match: `${side(match, groups.length)} NOT ${side(exclude, excluded.length)}`,
    exclude: null,
  }
}

/** How many of a match's phrases (toFtsMatch's) can be in a hit: those before its NOT, which
 * FTS5 numbers first; null when there is no NOT (all of them can). Every piece of user text is a
 * quoted string, lower-cased, so ` NOT ` in capitals is only ever the operator. */
export function foundPhrases(match: string): number | null {
  const not = match.indexOf(' NOT ')
  if (not === -1) return null
  return match.slice(0, not).match(/"(?:[^"]|"")*"/g)?.length ?? null
}
