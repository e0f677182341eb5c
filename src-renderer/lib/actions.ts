// Cross-concern steps the UI takes after the archive changed.
import type { ImportReport } from '../../src-main/shared/types'
import { archive } from './state/archive.svelte'
import { imageFetcher } from './state/images.svelte'
import { importer } from './state/importer.svelte'
import { reader } from './state/reader.svelte'
import { search } from './state/search.svelte'
import { organise } from './state/organise.svelte'
import { keep } from './state/keep.svelte'
import { throttle } from './throttle'

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

// The library pane's counts run every saved search again once the articles changed: about
// 190 ms for five saved searches of common words after each batch of 2,000 at 100,000 articles
// (the batch's import: 3.2-5.2 s), ten times that at a million. A folder being filled sends a
// batch every few seconds, so the counts follow it at most every 10 s (and after the last).
const countsAfterWatch = throttle(() => void organise.refresh(), 10_000)

/** A watched folder brought files in: the list and the open article show them (kept where they
 * were), and the archive's and the saved searches' counts ("+3 new") follow. */
export async function afterWatchBatch(): Promise<void> {
  countsAfterWatch()
  await Promise.all([keep.refresh(), archive.refresh()])
}

/** One row per story, or per article: the list, and the saved searches' counts with it. */
export function setGrouping(group: boolean): void {
  search.setGroup(group)
  void organise.refresh()
}
