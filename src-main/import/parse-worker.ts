import { parentPort } from 'node:worker_threads'
import { prepareAll, textsAsBytes, type PrepareJob } from './prepare'

// A parse worker: prepares the files it is sent (read, decode, parse, pictures, index text) while
// the importer's thread writes the previous batch. It never opens the archive: one writer.
// Batches are taken one after the other, in the order sent: the importer keeps the next one
// waiting here so this thread never idles, and it needs the first one back first.
let queue = Promise.resolve()
parentPort?.on('message', (msg: { seq: number; jobs: PrepareJob[] }) => {
  queue = queue
    .then(() => prepareAll(msg.jobs, { blocking: true }))
    .then((results) => {
      const bytes = textsAsBytes(results)
      parentPort?.postMessage({ seq: msg.seq, results }, [bytes])
    })
})
