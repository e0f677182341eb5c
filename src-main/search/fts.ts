import { toIndexText } from '../text/normalize'
import type { ParsedQuery, SearchTerm } from '../shared/query'
import { COMMON_PAIRS } from '../text/common-pairs'

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

const PAIRS = new Set(COMMON_PAIRS)

/**
 * The index text of a term whose first two tokens are a common pair, with those two as the pair's
 * token (native/lectern_tokens.c, "Common pairs"): `"场市"` for 市场, `"场市 经 济"` for 市场经济.
 * The pair's token is where its second character is, so the rest of the phrase follows it as it
 * followed that character: the same hits, found from one short list instead of two long ones.
 * Only the first pair: a phrase's tokens are at consecutive positions, and a second pair's token
 * would stand where the character before it must.
 */
function withPair(text: string): string {
  const tokens = text.trim().split(/ +/)
  const [a, b] = tokens
  if (a === undefined || b === undefined || !PAIRS.has(a + b)) return text
  return [b + a, ...tokens.slice(2)].join(' ')
}

/** A term as FTS5, e.g. `title : "阿 里"` or `"elect" *`; null if it has no tokens. `pairs`:
 * every row of the index has the common pairs (db/common-pairs.ts pairsInIndex). */
export function termToFts(term: SearchTerm, pairs = false): string | null {
  let text = toIndexText(term.text)
  if (!TOKEN_CHAR.test(text)) return null
  if (pairs) text = withPair(text)
  let expr = `"${text.replace(/"/g, '""')}"`
  // FTS5 marks the last token of the string as a prefix: "苹 果 ai" * is 苹果 then ai…
  if (term.prefix) expr += ' *'
  if (term.field === 'title') expr = `title : ${expr}`
  return expr
}

function anyOf(terms: SearchTerm[], pairs: boolean): string | null {
  const parts = terms.map((t) => termToFts(t, pairs)).filter((p): p is string => p !== null)
  if (parts.length === 0) return null
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`
}

/** `pairs`: every row of the index has the common pairs (db/common-pairs.ts pairsInIndex). */
export function toFtsMatch(q: ParsedQuery, pairs = false): FtsMatch {
  const groups = q.groups.map((g) => anyOf(g, pairs)).filter((g): g is string => g !== null)
  const excluded = q.exclude.map((t) => termToFts(t, pairs)).filter((p): p is string => p !== null)
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
