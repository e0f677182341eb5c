import { parentPort, workerData } from 'node:worker_threads'
import { openArchive, type Archive } from '../db/open'
import { useExtension } from '../db/extension'
import { markdownOf } from '../db/story-store'
import { hitSnippet } from './snippet'
import { readUpperFirst } from './id-halves'
import type { IdAnswer, IdAsk } from './id-reader'

// Reads a search's matching ids on a connection of its own (id-reader.ts) while the main thread
// ranks the first page: the two passes over a common phrase run on both cores at once. Once the
// ids are read, it cuts half of that page's snippets while the main thread cuts the other half.
let db: Archive | null = null
// jobs sent and not finished yet (id-reader.ts adds one a job; this takes it off when done)
const queued = new Int32Array((workerData as { queued: SharedArrayBuffer }).queued)

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
        : { n: m.n, snippets: m.snippets.map((id) => hitSnippet(markdownOf(open, id), m.q)) }
  } catch (e) {
    answer = { n: m.n, error: e instanceof Error ? e.message : String(e) }
  }
  Atomics.sub(queued, 0, 1)
  parentPort?.postMessage(answer, 'ids' in answer ? [answer.ids.buffer as ArrayBuffer] : [])
})

parentPort?.postMessage({ ready: true } satisfies IdAnswer)
