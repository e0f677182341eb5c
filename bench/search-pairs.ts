import type { Archive } from '../src-main/db/open'
import { pairsInIndex } from '../src-main/db/common-pairs'
import { toFtsMatch } from '../src-main/search/fts'
import { parseQuery } from '../src-main/shared/query'
import { ms, percentile } from './util'

// The common pairs' share of a search (native/lectern_tokens.c, "Common pairs"): the ids of the
// slowest kind of query, common words, read by the pair's token beside the same words read as
// the phrase the index also holds, in the same run on the same archive.
const WORDS = ['市场', '数据', '经济', '公司', '人工智能']

function median(f: () => unknown): number {
  f()
  const t: number[] = []
  for (let i = 0; i < 5; i++) {
    const s = performance.now()
    f()
    t.push(performance.now() - s)
  }
  return percentile(
    t.sort((a, b) => a - b),
    50,
  )
}

export function pairsBeside(db: Archive): void {
  if (!pairsInIndex(db)) {
    console.log('  common pairs: not in this archive’s index (no extension, or made before them)')
    return
  }
  const count = db.prepare(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`).pluck()
  console.log('  common words, their ids alone (FTS5 count, median of 5):')
  for (const w of WORDS) {
    const q = parseQuery(w)
    const pair = toFtsMatch(q, true).match!
    const phrase = toFtsMatch(q, false).match!
    const a = median(() => count.get(pair))
    const b = median(() => count.get(phrase))
    const hits = count.get(pair) as number
    console.log(
      `    ${`${w} (${hits} hits)`.padEnd(24)} by pair ${ms(a).padStart(9)}  by phrase ${ms(b).padStart(9)}  ratio ${(a / b).toFixed(2)}`,
    )
  }
}
