import { parentPort } from 'node:worker_threads'
import { openArchive, type Archive } from '../db/open'
import { useExtension } from '../db/extension'
import { markdownOf } from '../db/story-store'
import { hitSnippet } from './snippet'
import { readUpperFirst } from './id-halves'
import type { IdAnswer, IdAsk } from './id-reader'
import type { MarkedText } from '../shared/search-types'
import type { ParsedQuery } from '../shared/query'

// Reads a search's matching ids on a connection of its own (id-reader.ts) while the main thread
// ranks the first page: the two passes over a common phrase run on both cores at once. Once the
// ids are read, it cuts that page's snippets from the last one back while the main thread cuts
// from the first one on, until they meet (id-reader.ts, snippets).
let db: Archive | null = null

parentPort?.on('message', (m: IdAsk) => {
  let answer: IdAnswer
  try {
    if (db === null) {
      useExtension(m.extension)
      db = openArchive(m.file, { readonly: true, nativeBinding: m.nativeBinding })
    }
    const open = db
    answer =
      'halves' in m
        ? { n: m.n, ids: readUpperFirst(open, m.halves) }
        : { n: m.n, snippets: fromTheEnd(open, m.snippets, m.q, new Int32Array(m.claims)) }
  } catch (e) {
    answer = { n: m.n, error: e instanceof Error ? e.message : String(e) }
  }
  parentPort?.postMessage(answer, 'ids' in answer ? [answer.ids.buffer as ArrayBuffer] : [])
})

parentPort?.postMessage({ ready: true } satisfies IdAnswer)

/** The snippets of `ids` from the last one back, each claimed first, up to one the main thread
 * claimed (it claims from the first one on); null for the others. */
function fromTheEnd(
  db: Archive,
  ids: number[],
  q: ParsedQuery,
  claims: Int32Array,
): (MarkedText | null)[] {
  const out: (MarkedText | null)[] = ids.map(() => null)
  for (let k = ids.length - 1; k >= 0; k--) {
    if (Atomics.compareExchange(claims, k, 0, 2) !== 0) break
    out[k] = hitSnippet(markdownOf(db, ids[k]!), q)
  }
  return out
}
