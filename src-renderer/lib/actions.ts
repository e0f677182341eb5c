// Cross-concern steps the UI takes after the archive changed.
import { archive } from './state/archive.svelte'
import { search } from './state/search.svelte'

export async function refreshAll(): Promise<void> {
  await Promise.all([archive.refresh(), search.run()])
}
