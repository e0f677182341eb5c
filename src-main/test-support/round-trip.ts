import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getArticle } from '../db/articles'
import { shownArticle } from '../db/edits'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { exportArticles, type ExportResult } from '../export/job'
import { ROUND_TRIP_FIELDS } from '../export/front-matter'
import type { Article } from '../shared/types'

/** What differs between an article and its re-imported export, field by field ([] when none). */
export function differences(a: Article, b: Article, added: string[]): string[] {
  const out: string[] = []
  const block = (b.frontMatter.lectern ?? {}) as {
    pictures?: Record<string, string>
    original?: Record<string, unknown>
  }
  for (const f of ROUND_TRIP_FIELDS) {
    let got: unknown = b[f]
    // Web pictures now point at their copies; the original addresses ride in `lectern.pictures`.
    if (f === 'markdown') {
      for (const [copy, src] of Object.entries(block.pictures ?? {})) {
        got = (got as string).split(copy).join(src)
      }
    }
    if (JSON.stringify(got) !== JSON.stringify(a[f])) {
      out.push(
        `${f}: ${JSON.stringify(a[f])?.slice(0, 200)} ≠ ${JSON.stringify(got)?.slice(0, 200)}`,
      )
    }
  }
  const fm: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(b.frontMatter)) if (!added.includes(k)) fm[k] = v
  Object.assign(fm, block.original ?? {})
  if (JSON.stringify(sortKeys(fm)) !== JSON.stringify(sortKeys(a.frontMatter))) {
    out.push(`frontMatter: ${JSON.stringify(a.frontMatter)} ≠ ${JSON.stringify(fm)}`)
  }
  const pics = (x: Article) => Object.values(x.images ?? {}).sort()
  if (JSON.stringify(pics(a)) !== JSON.stringify(pics(b))) {
    out.push(`pictures: ${pics(a).join(' ')} ≠ ${pics(b).join(' ')}`)
  }
  return out
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
    )
  }
  return v
}

/** Exports every article of `db` as a Markdown folder, imports that folder into a new archive,
 * and lists the differences of each article (keyed by its id in `db`). */
export async function markdownRoundTrip(db: Archive) {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-rt-'))
  const out = join(dir, 'export')
  const back = openArchive(join(dir, 'back.db'), { create: true })
  try {
    const report: ExportResult = await exportArticles(db, {
      format: 'markdown',
      selection: { all: true },
      out,
    })
    const imported = await importFolders(back, [out])
    const idOf = new Map(imported.files.map((f) => [f.path, f.id]))
    const diffs = new Map<number, string[]>()
    for (const f of report.files) {
      const a = shownArticle(db, f.id)!
      const bId = idOf.get(f.file)
      const b = bId ? getArticle(back, bId) : null
      const d = b ? differences(a, b, f.added) : [`not re-imported (${f.file})`]
      if (d.length || f.inexact.length)
        diffs.set(f.id, [...d, ...f.inexact.map((x) => `inexact ${x}`)])
    }
    return { report, imported, diffs }
  } finally {
    back.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
