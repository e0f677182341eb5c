import { existsSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { benchFirstAnswer } from './first-answer'
import { benchImport } from './import'
import { archiveFiles, benchSearch } from './search'
import { benchUi, type UiFigures } from './ui'

/**
 * `npm run bench -- scale --articles N`: generates N articles (once, kept in the temp folder),
 * imports them beside the plain pipeline, then measures search, first answer and the reader on
 * that archive, and prints every figure of issue 13 in one table. Never run in CI: at 1,000,000
 * it takes about an hour and some 20 GB of disk.
 */
export async function benchScale(count: number): Promise<void> {
  const t0 = performance.now()
  console.log(`# Scale: ${count} articles, ${new Date().toISOString()}`)
  const files = archiveFiles(count)
  const imp = await benchImport(count, files)
  const search = await benchSearch(count)
  const first = existsSync(join(import.meta.dirname, '..', 'out', 'main', 'cli.js'))
    ? await benchFirstAnswer(files.archive, files.plain)
    : null
  if (!first) console.log('  (first answer skipped: build first with `npx electron-vite build`)')
  let ui: UiFigures | null = null
  try {
    ui = await benchUi(count)
  } catch (e) {
    console.log(`  reader bench failed: ${e instanceof Error ? e.message : String(e)}`)
  }
  const f = (ms: number) => `${ms.toFixed(0)} ms`
  const rows: [string, string, string, string][] = [
    [
      'import rate',
      `${((count / imp.importMs) * 1000).toFixed(0)}/s`,
      `${((count / imp.plainMs) * 1000).toFixed(0)}/s`,
      (imp.importMs / imp.plainMs).toFixed(2),
    ],
    [
      'import processor time',
      `${(imp.importCpuMs / 1000).toFixed(1)} s`,
      `${(imp.plainCpuMs / 1000).toFixed(1)} s`,
      (imp.importCpuMs / imp.plainCpuMs).toFixed(2),
    ],
    ['re-import, unchanged', `${(imp.reimportMs / 1000).toFixed(1)} s`, '', ''],
    ['archive per article', `${(imp.bytesPerArticle / 1024).toFixed(1)} KB`, '', ''],
    ['import peak RSS (its own process)', `${imp.peakRssMb.toFixed(0)} MB`, '', ''],
    ['search p50', f(search.p50), f(search.plainP50), (search.p50 / search.plainP50).toFixed(2)],
    ['search p95', f(search.p95), f(search.plainP95), (search.p95 / search.plainP95).toFixed(2)],
    ['search max', f(search.max), f(search.plainMax), (search.max / search.plainMax).toFixed(2)],
    [
      '的 first page',
      f(search.commonMs),
      f(search.plainCommonMs),
      (search.commonMs / search.plainCommonMs).toFixed(2),
    ],
    ['facets of the whole archive', f(search.facetsMs), '', ''],
  ]
  if (first) {
    rows.push([
      'first answer after start',
      f(first.lecternMs),
      f(first.plainMs),
      (first.lecternMs / first.plainMs).toFixed(2),
    ])
    rows.push(['then the whole list', f(first.listMs), '', ''])
    rows.push([
      "the app's first list after start (by story)",
      f(first.firstListMs),
      f(first.plainListMs),
      (first.firstListMs / first.plainListMs).toFixed(2),
    ])
    rows.push([
      'serve RSS after both (peak)',
      `${first.rssMb.toFixed(0)} MB (${first.peakMb.toFixed(0)} MB)`,
      '',
      '',
    ])
  }
  if (ui) {
    const mb = (x: number) => `${x.toFixed(1)} MB`
    rows.push(['reader: serve start → first results painted', f(ui.paintedMs), '', ''])
    rows.push(["reader: serve start → the library's facets shown", f(ui.facetsMs), '', ''])
    rows.push([
      'reader: the same two after a restart (facet index kept in the archive)',
      `${f(ui.keptPaintedMs)}; ${f(ui.keptFacetsMs)}`,
      '',
      '',
    ])
    rows.push([
      'reader: JS heap, whole list scrolled (after GC)',
      `${mb(ui.heapMb)} (${mb(ui.heapLiveMb)})`,
      '',
      '',
    ])
    rows.push(['reader: last row reached by scrolling', `${ui.lastRow + 1} of ${ui.rows}`, '', ''])
    rows.push([
      'serve RSS after the reader (peak)',
      `${ui.serveRssMb.toFixed(0)} MB (${ui.servePeakMb.toFixed(0)} MB)`,
      '',
      '',
    ])
  } else rows.push(['reader (Chromium)', 'failed: see above', '', ''])
  console.log(`\n## Summary: ${count} articles, load average ${loadavg()[0]?.toFixed(1)}`)
  console.log('| figure | Lectern | plain | ratio |\n| --- | ---: | ---: | ---: |')
  for (const r of rows) console.log(`| ${r.join(' | ')} |`)
  console.log(`\n  whole run: ${((performance.now() - t0) / 60000).toFixed(1)} min`)
}
