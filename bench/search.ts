import { existsSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive, type Archive } from '../src-main/db/open'
import { latestVersion } from '../src-main/db/migrations/index'
import { importFolders } from '../src-main/import/importer'
import { searchArchive } from '../src-main/search/search'
import { searchArchiveAsync } from '../src-main/search/parallel'
import { IdReader } from '../src-main/search/id-reader'
import { facetsOf } from '../src-main/search/facet-index'
import { forgetSearches } from '../src-main/search/result-cache'
import type { SearchSort } from '../src-main/shared/search-types'
import { corpus, listFiles, ms, percentile } from './util'
import { rankSql } from '../src-main/search/rank'
import { pairsBeside } from './search-pairs'
import { useExtension } from '../src-main/db/extension'
import { rankExtensionFile } from '../src-main/api/open-service'
import { plainImport, plainSearcher } from './plain'

export const ZH = [
  '的',
  '市场',
  '经济',
  '阿里巴巴',
  '阿里云',
  '降息',
  '人工智能',
  '苹果',
  '中国',
  '公司',
  '发布',
  '增长',
  '科技',
  '银行',
  '投资',
  '数据',
  '政策',
  '消费',
  '阿里',
  '經濟',
]
export const EN = [
  'market',
  'election',
  'elections',
  'rates',
  'technology',
  'the',
  'growth',
  'bank',
  'policy',
  'investors',
  '"interest rates"',
  'tech*',
  'apple',
  'alibaba',
  'cafe',
  'energy',
  'trade',
  'market -election',
  'inflation',
  'data',
]

/** Where the archive (and the plain pipeline's database) of `count` articles are kept. */
export function archiveFiles(count: number): { archive: string; plain: string } {
  const dir = process.env.LECTERN_BENCH_ARCHIVES ?? join(tmpdir(), 'lectern-bench-archives')
  mkdirSync(dir, { recursive: true })
  return {
    archive: join(dir, `v${latestVersion}-${count}.db`),
    plain: join(dir, `plain-${count}.db`),
  }
}

/** A worker reading searches' ids, once it has come up (serve's is started after its first
 * answer, so no search waits for it). */
async function readerOf(db: Archive): Promise<IdReader | null> {
  const r = new IdReader(db.name)
  for (let i = 0; i < 200 && !r.ready; i++) await new Promise((ok) => setTimeout(ok, 50))
  if (r.ready) return r
  console.log('  (the id worker did not start: every search below is on one thread)')
  r.close()
  return null
}

/** Builds (once) and opens the archive of `count` generated articles. */
export async function archiveOf(count: number): Promise<Archive> {
  const c = await corpus(count)
  const { archive: file, plain } = archiveFiles(count)
  if (!existsSync(plain)) await plainImport(listFiles(c.dir), plain)
  const fresh = !existsSync(file)
  // ranked as the service ranks (api/open-service.ts)
  useExtension(rankExtensionFile())
  const db = openArchive(file, { create: true })
  if (
    fresh ||
    (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n < count
  ) {
    const t = performance.now()
    await importFolders(db, [c.dir])
    console.log(`  imported ${count} articles in ${((performance.now() - t) / 1000).toFixed(0)} s`)
  }
  return db
}

/** One search as typed for the first time (nothing kept from an earlier ask), wall time. */
// CPU time of this process (SQLite runs in it) beside each wall time: on a 2-core machine shared
// with other work the wall times wander with the load, the CPU times much less.
const cpu: { lectern: number[]; plain: number[] } = { lectern: [], plain: [] }
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from)
  return (d.user + d.system) / 1000
}

// What serve and the desktop search with: a relevance search's ids are read by this worker
// while the main thread ranks (src-main/search/parallel.ts). Null: all on one thread.
let reader: IdReader | null = null

async function time(
  db: Archive,
  query: string,
  sort: SearchSort,
  offset = 0,
  group = false,
  by: IdReader | null = reader,
): Promise<number> {
  if (offset === 0) forgetSearches(db)
  const c = process.cpuUsage()
  const t = performance.now()
  await searchArchiveAsync(db, { query, limit: 50, sort, offset, group }, {}, by)
  const wall = performance.now() - t
  // (the one-thread samples beside them are not what Lectern does: their CPU time is left out)
  if (by === reader) cpu.lectern.push(cpuMs(c))
  return wall
}

function report(label: string, samples: number[]): void {
  const s = [...samples].sort((a, b) => a - b)
  console.log(
    `  ${label.padEnd(28)} p50 ${ms(percentile(s, 50))}  p95 ${ms(percentile(s, 95))}  max ${ms(s[s.length - 1] ?? NaN)}`,
  )
}

/** `label: x (plain y, ratio x/y)`: every figure beside the plain search's in the same run. */
function beside(label: string, x: number, plain: number, goal = ''): void {
  console.log(
    `  ${label.padEnd(28)} ${ms(x).padStart(9)}  plain ${ms(plain).padStart(9)}  ratio ${(x / plain).toFixed(2)}${goal}`,
  )
}

export interface SearchFigures {
  p50: number
  p95: number
  max: number
  plainP50: number
  plainP95: number
  plainMax: number
  commonMs: number
  plainCommonMs: number
  /** Facets (labels, sources, languages, years) of the whole archive, from the facet index. */
  facetsMs: number
}

/** Query latency (top 50 with snippets, total and facets) beside the plain FTS5 search (bm25 top
 * 50 with snippet(), plus count(*)) on the plain pipeline's database, in the same run. */
export async function benchSearch(count = 100_000): Promise<SearchFigures> {
  console.log(`\n## Search: ${count} generated articles`)
  const db = await archiveOf(count)
  console.log(
    rankSql(db).startsWith('lectern_rank')
      ? '  ranked by lectern_rank() (native/build)'
      : '  ranked by bm25(): the ranking extension is not built (bin/build-rank.js)',
  )
  reader = await readerOf(db)
  const plain = plainSearcher(archiveFiles(count).plain)
  const timePlain = (q: string, offset = 0) => {
    const c = process.cpuUsage()
    const t = performance.now()
    plain.search(q, offset)
    const wall = performance.now() - t
    cpu.plain.push(cpuMs(c))
    return wall
  }
  try {
    for (const q of [...ZH, ...EN]) await time(db, q, 'relevance') // warm the page cache
    for (const q of [...ZH, ...EN]) timePlain(q)
    cpu.lectern.length = 0
    cpu.plain.length = 0
    const all: number[] = []
    const plainAll: number[] = []
    const oneThread: number[] = []
    // [ms, plain ms, query, sort] of every sample: the slowest are what makes the p95
    const each: [number, number, string, SearchSort][] = []
    for (const [lang, queries] of [
      ['Chinese', ZH],
      ['English', EN],
    ] as const) {
      const plainSamples: number[] = []
      for (const sort of ['relevance', 'newest'] as const) {
        const samples: number[] = []
        for (const q of queries)
          for (let i = 0; i < 3; i++) {
            const x = await time(db, q, sort)
            const y = timePlain(q)
            // the same search with its ids read on this thread too (before parallel.ts)
            oneThread.push(await time(db, q, sort, 0, false, null))
            samples.push(x)
            if (sort === 'relevance') plainSamples.push(y)
            each.push([x, y, q, sort])
          }
        report(`${lang}, ${sort}`, samples)
        all.push(...samples)
      }
      report(`${lang}, plain FTS5`, plainSamples)
      plainAll.push(...plainSamples)
    }
    const sorted = [...all].sort((a, b) => a - b)
    const plainSorted = [...plainAll].sort((a, b) => a - b)
    report('all 40 queries, Lectern', all)
    report('all 40 queries, plain FTS5', plainAll)
    report('the same, all on one thread', oneThread)
    // (plain ran beside both sorts' samples: the same 40 queries twice)
    report('  CPU time, Lectern', cpu.lectern)
    report('  CPU time, plain FTS5', cpu.plain)
    console.log('  slowest samples (Lectern, plain the same query by relevance):')
    for (const [x, y, q, sort] of [...each].sort((a, b) => b[0] - a[0]).slice(0, 12)) {
      console.log(`    ${`${q} (${sort})`.padEnd(26)} ${ms(x).padStart(9)}  plain ${ms(y)}`)
    }
    const f = {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1] ?? NaN,
      plainP50: percentile(plainSorted, 50),
      plainP95: percentile(plainSorted, 95),
      plainMax: plainSorted[plainSorted.length - 1] ?? NaN,
      commonMs: NaN,
      plainCommonMs: NaN,
      facetsMs: NaN,
    }
    console.log(`  40 queries, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores:`)
    beside('p50', f.p50, f.plainP50, ' (goal ≤ 1)')
    beside('p95', f.p95, f.plainP95, ` (goal ≤ 30 ms at 100,000, 150 ms at 1,000,000)`)
    beside('max', f.max, f.plainMax)
    const pct = (xs: number[], p: number) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        p,
      )
    beside('p50, CPU time', pct(cpu.lectern, 50), pct(cpu.plain, 50))
    beside('p95, CPU time', pct(cpu.lectern, 95), pct(cpu.plain, 95))
    const common = searchArchive(db, { query: '的', limit: 1 }).total
    f.commonMs = Math.min(await time(db, '的', 'relevance'), await time(db, '的', 'relevance'))
    f.plainCommonMs = Math.min(timePlain('的'), timePlain('的'))
    beside(`的 (${common} hits), first page`, f.commonMs, f.plainCommonMs, ' (goal ≤ 100 ms)')
    // Scrolling on: the page after the first, the query just asked (as the reader's list does).
    const next: number[] = []
    const plainNext: number[] = []
    for (const q of [...ZH, ...EN]) {
      await time(db, q, 'relevance')
      next.push(await time(db, q, 'relevance', 50))
      plainNext.push(timePlain(q, 50))
    }
    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      )
    beside('next page (offset 50), p50', med(next), med(plainNext))
    // one row per story: the same queries grouped, beside the same ungrouped, in turn
    for (const sort of ['relevance', 'newest'] as const) {
      const plain: number[] = []
      const grouped: number[] = []
      for (const q of [...ZH, ...EN]) {
        plain.push(await time(db, q, sort))
        grouped.push(await time(db, q, sort, 0, true))
      }
      const p50 = (xs: number[]) =>
        percentile(
          [...xs].sort((a, b) => a - b),
          50,
        )
      report(`grouped by story, ${sort}`, grouped)
      console.log(`    ratio grouped / ungrouped p50: ${(p50(grouped) / p50(plain)).toFixed(2)}`)
    }
    console.log(
      `  的 grouped by story, first page ${ms(await time(db, '的', 'relevance', 0, true))}`,
    )
    const tf = performance.now()
    facetsOf(db, db.prepare('SELECT id FROM articles').pluck().all() as number[])
    f.facetsMs = performance.now() - tf
    console.log(`  facets of the whole archive from the index: ${ms(f.facetsMs)}`)
    pairsBeside(db)
    // Both below read the whole archive or every file: minutes at 1,000,000, for figures that
    // do not change with the size.
    if (count > 100_000) {
      console.log('  index size and brute force: skipped above 100,000 articles')
      return f
    }
    const fts = db
      .prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'articles_fts%'`)
      .get() as { b: number }
    console.log(
      `  full-text index: ${(fts.b / 1024 / 1024).toFixed(0)} MB, ${(fts.b / count / 1024).toFixed(2)} KB per article`,
    )

    // Brute force: read every file and test each for the string, as grep would.
    const files = listFiles((await corpus(count)).dir)
    const brute: number[] = []
    for (const q of ['阿里巴巴', '降息', 'election']) {
      const t = performance.now()
      let n = 0
      for (let i = 0; i < files.length; i += 64) {
        const texts = await Promise.all(files.slice(i, i + 64).map((f) => readFile(f, 'utf8')))
        for (const text of texts) if (text.includes(q)) n++
      }
      brute.push(performance.now() - t)
      console.log(
        `  brute force "${q}": ${n} files contain it, ${ms(brute[brute.length - 1] as number)}`,
      )
    }
    const bruteMed = [...brute].sort((a, b) => a - b)[1] as number
    const p50 = percentile(
      [...all].sort((a, b) => a - b),
      50,
    )
    console.log(`  brute force (read + match every file): ${ms(bruteMed)} per query`)
    console.log(`  ratio brute force / search p50: ${(bruteMed / p50).toFixed(0)}x`)
    return f
  } finally {
    reader?.close()
    reader = null
    plain.close()
    db.close()
  }
}
