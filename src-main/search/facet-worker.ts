import { parentPort } from 'node:worker_threads'
import { openArchive } from '../db/open'
import { buildFacetIndex, facetIndexBuffers } from './facet-index'
import { savedFacetIndex } from './facet-saved'

// Builds an archive's facet index on a connection of its own and hands it back (facet-build.ts):
// seconds at a million articles that the main thread spends answering instead. The one kept in
// the archive, when it is current (facet-saved.ts), is read instead of building.
parentPort?.once('message', (m: { file: string; nativeBinding: string | undefined }) => {
  const db = openArchive(m.file, { readonly: true, nativeBinding: m.nativeBinding })
  try {
    const idx = savedFacetIndex(db) ?? buildFacetIndex(db)
    parentPort?.postMessage(idx, facetIndexBuffers(idx))
  } finally {
    db.close()
  }
})
