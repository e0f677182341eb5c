// Cross-concern steps the UI takes after the archive changed.
import type { ImportReport } from '../../src-main/shared/types'
import { archive } from './state/archive.svelte'
import { imageFetcher } from './state/images.svelte'
import { importer } from './state/importer.svelte'
import { reader } from './state/reader.svelte'
import { search } from './state/search.svelte'
import { organise } from './state/organise.svelte'
import { keep } from './state/keep.svelte'

export async function refreshAll(): Promise<void> {
  await Promise.all([archive.refresh(), search.run(), organise.refresh()])
}

/** After an import: refresh the lists, then download the archive's pictures if the user asked
 * to (not after a cancelled or failed import). */
export async function afterImport(report: ImportReport | null): Promise<void> {
  await refreshAll()
  if (report && !report.cancelled && importer.fetchImagesAfter && archive.canImport) {
    void imageFetcher.start('all', () => reader.reload())
  }
}

/** A watched folder brought files in: the list and the open article show them (kept where they
 * were), and the archive's and the saved searches' counts ("+3 new") follow. */
export async function afterWatchBatch(): Promise<void> {
  await Promise.all([keep.refresh(), archive.refresh(), organise.refresh()])
}
