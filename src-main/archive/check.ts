import { readdir, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Archive } from '../db/open'
import { touch } from '../db/generation'
import {
  forgetMedia,
  integrityProblems,
  markMediaLost,
  reindex,
  searchIndexGaps,
  storedMedia,
} from '../db/health'
import { rebuildSearchIndex } from '../db/search-index'
import { pairsInIndex, writesPairs } from '../db/common-pairs'
import { mediaDirOf, mediaFile } from '../images/store'
import { extOfMime } from '../shared/images'
import type { CheckReport } from '../shared/types'

/**
 * Looks the archive over: SQLite's integrity, the full-text index against the articles, and the
 * picture store against what the archive lists. With `fix`, repairs what can be: indexes are
 * rebuilt (they are derived data), pictures nobody uses are deleted, and lost pictures are marked
 * to be fetched or copied again. Damaged table pages cannot be repaired here: the report says
 * so, and a backup is the way back.
 */
export async function checkArchive(
  db: Archive,
  opts: { fix?: boolean } = {},
): Promise<CheckReport> {
  const fix = opts.fix ?? false
  let problems = integrityProblems(db)
  let repaired = false
  if (fix && problems.length > 0) {
    reindex(db)
    problems = integrityProblems(db)
    repaired = problems.length === 0
  }

  const gaps = searchIndexGaps(db)
  // an index written before the common pairs (or partly where the extension is not built) is
  // whole, only slower for common words: the repair writes it again with them where it can
  const addPairs = writesPairs(db) && !pairsInIndex(db)
  let rebuilt = false
  if (fix && (gaps.missing > 0 || gaps.extra > 0 || addPairs)) {
    db.transaction(() => rebuildSearchIndex(db))()
    touch(db)
    rebuilt = true
  }

  const dir = mediaDirOf(db)
  const known = storedMedia(db)
  const byFile = new Map<string, { hash: string; used: boolean }>()
  const lost: string[] = []
  for (const m of known) {
    const ext = extOfMime(m.mime)
    if (!ext) continue
    const file = mediaFile(dir, m.hash, ext)
    byFile.set(file, { hash: m.hash, used: m.used === 1 })
    if (!existsSync(file)) lost.push(m.hash)
  }
  const unused: string[] = []
  for (const file of await storeFiles(dir)) {
    const entry = byFile.get(file)
    if (!entry || !entry.used) unused.push(file)
  }
  let removed = 0
  let markedMissing = 0
  if (fix) {
    for (const file of unused) {
      const entry = byFile.get(file)
      if (entry) forgetMedia(db, entry.hash)
      await rm(file, { force: true })
      removed++
    }
    db.transaction(() => {
      for (const hash of lost) markedMissing += markMediaLost(db, hash)
    })()
    if (lost.length > 0) touch(db)
  }

  const indexOk = rebuilt || (gaps.missing === 0 && gaps.extra === 0)
  const picturesOk = fix || (unused.length === 0 && lost.length === 0)
  return {
    integrity: { ok: problems.length === 0, problems, repaired },
    searchIndex: {
      ok: indexOk,
      ...gaps,
      rebuilt,
      pairs: pairsInIndex(db),
      canAddPairs: addPairs && !rebuilt,
    },
    pictures: { unused: unused.length, missing: lost.length, removed, markedMissing },
    ok: problems.length === 0 && indexOk && picturesOk,
  }
}

/** Every file under the picture store (`ab/cdef….ext`), leftovers of interrupted writes too. */
async function storeFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  const subdirs = await readdir(dir, { withFileTypes: true }).catch(() => [])
  for (const d of subdirs) {
    if (!d.isDirectory()) continue
    for (const f of await readdir(join(dir, d.name), { withFileTypes: true })) {
      if (f.isFile()) out.push(join(dir, d.name, f.name))
    }
  }
  return out
}
