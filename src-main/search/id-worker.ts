import { parentPort } from 'node:worker_threads'
import { openArchive, type Archive } from '../db/open'
import { readIds } from '../db/id-list'
import type { IdAnswer, IdAsk } from './id-reader'

// Reads a search's matching ids on a connection of its own (id-reader.ts) while the main thread
// ranks the first page: the two passes over a common phrase run on both cores at once.
let db: Archive | null = null

parentPort?.on('message', (m: IdAsk) => {
  let answer: IdAnswer
  try {
    db ??= openArchive(m.file, { readonly: true, nativeBinding: m.nativeBinding })
    const ids = readIds(db, m.sql, m.args)
    answer = { n: m.n, ids }
  } catch (e) {
    answer = { n: m.n, error: e instanceof Error ? e.message : String(e) }
  }
  parentPort?.postMessage(answer, 'ids' in answer ? [answer.ids.buffer as ArrayBuffer] : [])
})

parentPort?.postMessage({ ready: true } satisfies IdAnswer)
