import type { Archive } from '../db/open'
import { generation } from '../db/generation'
import { facetIndexOffThread } from './facet-build'
import { facetIndex, facetIndexSize, readyFacetIndex } from './facet-index'
import { saveFacetIndex, savedFacetsCurrent } from './facet-saved'
import { lastArticleId } from './search'

// With no search yet this long after start, the facet index is built anyway. (Not sooner: the
// app asks for its first list about 2 s after start, and at a million articles a build then
// competed with it for both cores.)
const WARM_AFTER_MS = 5000

// An index of this many articles or more is built again off the main thread when the archive
// changes (an import, a watched folder's batch, an edit): 0.7 s at 100,000 and 7.7 s at 1,000,000
// on a slow machine, during which a search made it here would keep every caller waiting.
// Smaller ones (tens of milliseconds) are built by the search that needs them, as before.
export const OFF_THREAD_FROM = 20_000

// Below this many articles an index kept in the archive (facet-saved.ts) is read on this thread
// after the first answer (30–38 ms at 100,000); above, by the worker (0.1–0.4 s at 1,000,000).
const READ_KEPT_HERE_BELOW = 200_000

/**
 * When the facet index is built, for a service that stays up (serve, the desktop: `warmUp`).
 * Never before the first answer; after it, in a worker thread, and again in one whenever a large
 * archive has changed. Searches meanwhile answer without facets and say `facetsPending` (the
 * page asks again shortly). A one-shot caller (the CLI) never warms up: its searches build the
 * index when they need it.
 */
export class FacetWarmth {
  #on = false
  #started = false
  #building = false
  /** A worker build failed with nothing changed: this thread builds from then on. */
  #broken = false
  #timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    readonly db: Archive,
    readonly offThreadFrom = OFF_THREAD_FROM,
    /** Whether the archive is being written (an import, a watched folder's batch): a build then
     * would be of a version gone before it ends (7.7 s at 1,000,000, each batch a new version),
     * on a core the import wants. Answers meanwhile count with the last index (`pendingFacets`
     * in search.ts); the first answer once it is quiet starts the build. */
    readonly writing: () => boolean = () => false,
    /** A build in a worker was kept: answers have their facets again (the page was told to ask
     * again later, and now need not wait). */
    readonly ready: () => void = () => {},
  ) {}

  /** Whether warmUp was called. */
  get on(): boolean {
    return this.#on
  }

  /** Builds the index after the first answer, or after a quiet moment if none comes. */
  warmUp(): void {
    if (this.#on) return
    this.#on = true
    this.#timer = setTimeout(() => this.answered(), WARM_AFTER_MS)
    this.#timer.unref?.()
  }

  /** Whether a search may build the index in this thread when it needs one (the search's
   * `waitForFacets`); if not, it answers without facets. */
  buildHere(): boolean {
    if (!this.#on || readyFacetIndex(this.db) !== null) return true
    // (a small archive's first answer builds it too: its facets come with the first list)
    return !this.#building && this.#inThread()
  }

  /** After a search was answered: starts the build it left for later, if any. */
  answered(): void {
    if (!this.#on || this.#building || !this.db.open || readyFacetIndex(this.db) !== null) return
    if (this.#started && this.#inThread()) return
    if (this.#started && this.writing()) return
    if (this.#timer) clearTimeout(this.#timer)
    this.#started = true
    // (an archive in memory has no file for a worker to open; a kept index of a mid-sized one
    // reads in tens of milliseconds, against a worker's start of about 300 ms)
    const keptHere =
      !this.db.memory &&
      lastArticleId(this.db) < READ_KEPT_HERE_BELOW &&
      savedFacetsCurrent(this.db)
    if (this.db.memory || keptHere) {
      setImmediate(() => {
        try {
          if (!this.db.open) return
          facetIndex(this.db)
          if (keptHere) this.ready()
        } catch {
          // A damaged archive reports itself on the first real call.
        }
      })
      return
    }
    this.#building = true
    const gen = generation(this.db)
    void facetIndexOffThread(this.db).then((kept) => {
      this.#building = false
      if (kept) this.ready()
      // not kept with nothing changed: the worker failed, and would again (not kept because the
      // archive changed meanwhile: the next search starts another)
      if (!kept && this.db.open && generation(this.db) === gen) this.#broken = true
    })
  }

  /** Stops warming; an index built and current is kept in the archive for the next start
   * (facet-saved.ts), before the caller closes it. */
  close(): void {
    const was = this.#on
    this.#on = false
    if (this.#timer) clearTimeout(this.#timer)
    if (!was || !this.db.open) return
    try {
      saveFacetIndex(this.db, readyFacetIndex(this.db), this.offThreadFrom)
    } catch {
      // (busy with another process's write, or a full disk: the next start builds it again)
    }
  }

  /** Whether a rebuild (after the first build) is this thread's: a small index, no file, or a
   * worker that failed. */
  #inThread(): boolean {
    if (this.db.memory || this.#broken) return true
    // (never built yet: the largest article id, as many as the articles or more)
    const size = facetIndexSize(this.db)
    return (size >= 0 ? size : lastArticleId(this.db)) < this.offThreadFrom
  }
}
