import { parentPort } from 'node:worker_threads'
import { prepareAll, textsAsBytes, type PrepareJob } from './prepare'
import { Arena } from '../db/arena'
import { useExtension } from '../db/extension'

// A parse worker: prepares the files it is sent (read, decode, parse, pictures, index text) while
// the importer's thread writes the previous batch. It never opens the archive: one writer.
// Batches are taken one after the other, in the order sent: the importer keeps the next one
// waiting here so this thread never idles, and it needs the first one back first.
//
// A part may be taken back by the importer's thread while it waits here (pool.ts, `help`): its
// claim is then set already and the part is skipped. Whoever sets the claim first prepares it.
let queue = Promise.resolve()
parentPort?.on(
  'message',
  (msg: {
    seq: number
    jobs: PrepareJob[]
    claims: Int32Array
    slot: number
    /** The importer's thread's extension (db/extension.ts): story fingerprints made in C. */
    native: { extension: string | null; nativeBinding: string | undefined }
  }) => {
    useExtension(msg.native.extension, msg.native.nativeBinding)
    const arena = new Arena()
    queue = queue
      .then(() =>
        Atomics.compareExchange(msg.claims, msg.slot, 0, 1) === 0
          ? prepareAll(msg.jobs, { blocking: true, arena })
          : null,
      )
      .then((results) => {
        if (results === null) return
        // the texts as one buffer (db/stored-text.ts), the story fingerprints in the arena's few
        // (db/arena.ts): handed over, not copied
        const bytes = textsAsBytes(results)
        parentPort?.postMessage({ seq: msg.seq, results }, [bytes, ...arena.buffers])
      })
  },
)
