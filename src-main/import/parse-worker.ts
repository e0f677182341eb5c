import { parentPort } from 'node:worker_threads'
import { prepareAll, type PrepareJob } from './prepare'

// A parse worker: prepares the files it is sent (read, decode, parse, pictures, index text) while
// the importer's thread writes the previous batch. It never opens the archive: one writer.
parentPort?.on('message', (msg: { seq: number; jobs: PrepareJob[] }) => {
  void prepareAll(msg.jobs, { blocking: true }).then((results) =>
    parentPort?.postMessage({ seq: msg.seq, results }),
  )
})
