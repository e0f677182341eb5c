import { isCjk } from '../shared/cjk'
import type { FacetIndex } from './facet-index'
import { evenCut, type Cut } from './id-halves'

// Where to cut a read of a search's ids in two parts (id-halves.ts), so that both threads read
// about as many hits and finish together. Cutting at half the largest id assumes hits spread
// evenly over the ids, and they do not: ids follow the order of import, and an archive is
// imported folder by folder, an outlet or a language at a time. In the generated bench archive
// (English first) 公司 has 24,766 hits below half the ids and 41,013 above: the worker read for
// 19.8 ms while this thread waited after 12.7.
//
// What the index can tell without reading the hits is which articles a query can find at all by
// their language: a query in Chinese characters finds Chinese, Japanese or Korean articles, a
// query in Latin letters the others (an article of unknown language may be either). The cut
// falls where `share` of those articles lie below it. Within one language hits are still not
// even, but far closer: 公司 then has 32,937 and 32,842 (15.0 and 12.2 ms).

const CJK_LANGUAGE = /^(zh|ja|ko|yue|wuu|lzh|cmn)\b/i

/** Whether a query (its FTS5 match) is searched for in CJK text. */
function cjkQuery(match: string): boolean {
  for (const ch of match) if (isCjk(ch.codePointAt(0)!)) return true
  return false
}

// per facet index: the cut for each script and share, made once
const made = new WeakMap<FacetIndex, Map<string, number>>()

/** The cut for `match`'s hits by the languages of the archive's articles; the even cut while the
 * facet index is not built, or when no article is of the query's script. */
export function hitsCut(idx: FacetIndex | null, match: string): Cut {
  if (idx === null) return evenCut
  const cjk = cjkQuery(match)
  return (lastId, share) => {
    let cuts = made.get(idx)
    if (!cuts) made.set(idx, (cuts = new Map()))
    const key = `${cjk} ${share}`
    let cut = cuts.get(key)
    if (cut === undefined) {
      cut = languageCut(idx, cjk, share) ?? evenCut(lastId, share)
      cuts.set(key, cut)
    }
    return cut
  }
}

/** The smallest id with `share` of the articles a query of this script can find below it. */
function languageCut(idx: FacetIndex, cjk: boolean, share: number): number | null {
  // which language codes a query of this script can find (0: no language given, either)
  const names = idx.dicts.lang.names
  const finds = new Uint8Array(names.length)
  for (let c = 0; c < names.length; c++) {
    finds[c] = c === 0 || CJK_LANGUAGE.test(names[c]!) === cjk ? 1 : 0
  }
  const { lang, pos } = idx
  let total = 0
  for (let id = 0; id < lang.length; id++) if (pos[id]! >= 0) total += finds[lang[id]!]!
  if (total === 0) return null
  const want = share * total
  let below = 0
  for (let id = 0; id < lang.length; id++) {
    if (below >= want) return id
    if (pos[id]! >= 0) below += finds[lang[id]!]!
  }
  return lang.length
}
