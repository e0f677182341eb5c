import { bindingOf, type Archive } from '../db/open'
import { generation } from '../db/generation'
import { startWorker } from '../worker-start'
import { adoptFacetIndex, type FacetIndex } from './facet-index'

/**
 * Builds the facet index of an archive file in a worker thread (its own read-only connection)
 * and keeps it as the archive's: the main thread answers meanwhile. Resolves true once it is
 * kept; false when it could not be (an archive in memory, no worker, a failure, or the archive
 * changed during the build), and the caller builds it in-thread when it is next needed.
 */
export function facetIndexOffThread(db: Archive): Promise<boolean> {
  if (db.memory || !db.open) return Promise.resolve(false)
  const gen = generation(db)
  return new Promise((done) => {
    let w: ReturnType<typeof startWorker>
    try {
      w = startWorker('facet-worker')
    } catch {
      done(false)
      return
    }
    // a build in progress does not keep the process alive (serve stopping, a test ending)
    w.unref()
    w.once('message', (idx: FacetIndex) => {
      done(adoptFacetIndex(db, idx, gen))
      void w.terminate()
    })
    w.once('error', () => done(false))
    w.once('exit', () => done(false))
    w.postMessage({ file: db.name, nativeBinding: bindingOf(db) })
  })
}
