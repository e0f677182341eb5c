import { DEFAULT_PARAMS, type ClusterParams } from '../src-main/clusters/params'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildEvalSet } from './clusters-set'
import { clusterItems, pairwise, shingled, type Scores } from './clusters-metrics'

// the shared corpus beside the checkout, as in src-main/test-support/corpus.ts (which is CommonJS-only)
const CORPUS = fileURLToPath(new URL('../../shared/corpus/news', import.meta.url))

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const row = (label: string, s: Scores, ms: number) =>
  `  ${label.padEnd(34)} P ${pct(s.precision).padStart(6)}  R ${pct(s.recall).padStart(6)}  (fp ${s.fp}, fn ${s.fn}) ${ms.toFixed(0)} ms`

/** Pairwise precision and recall of story clusters on versions made from the news corpus, and
 * how they move with each threshold; the defaults in params.ts are chosen from this. */
export async function benchClusters(bases: number): Promise<void> {
  console.log(`\n## Story clusters: ${bases} corpus articles, 3 versions each, plus hard negatives`)
  if (!existsSync(CORPUS)) {
    console.log(`  skipped: no corpus at ${CORPUS}`)
    return
  }
  const set = buildEvalSet(CORPUS, bases)
  const { items } = set
  console.log(
    `  items: ${items.length} (${set.bases} stories, ${set.negatives} hard negatives; ${set.ambiguous} corpus articles left out as possible reprints)`,
  )
  const run = (label: string, p: ClusterParams, sh?: Map<number, Uint32Array>) => {
    const t = performance.now()
    const m = clusterItems(items, p, sh)
    const s = pairwise(items, (id) => m.clusterOf(id)!)
    console.log(row(label, s, performance.now() - t))
    return { s, m }
  }
  const base = DEFAULT_PARAMS
  const { m } = run('defaults', base)
  // what is missed and what is wrongly joined, to read rather than to count
  const groups = new Map<number, number[]>()
  for (const it of items) groups.set(it.group, [...(groups.get(it.group) ?? []), it.id])
  const byId = new Map(items.map((it) => [it.id, it]))
  let shown = 0
  for (const ids of groups.values()) {
    const cs = new Set(ids.map((id) => m.clusterOf(id)))
    if (cs.size > 1 && shown++ < 5) {
      console.log(
        `    split: ${ids.map((id) => `${id}[${byId.get(id)!.made.join(',') || byId.get(id)!.kind}]→${m.clusterOf(id)}`).join(' ')}`,
      )
    }
  }
  shown = 0
  for (const c of m.clusters()) {
    const gs = new Set(c.map((id) => byId.get(id)!.group))
    if (gs.size > 1 && shown++ < 5) {
      console.log(
        `    joined: ${c.map((id) => `${byId.get(id)!.outlet}:${byId.get(id)!.title.slice(0, 24)}`).join(' | ')}`,
      )
    }
  }

  console.log('  threshold curve: Jaccard (containment as default)')
  const sh = shingled(items, base)
  for (const jaccard of [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8]) {
    run(`jaccard ≥ ${jaccard}`, { ...base, jaccard }, sh)
  }
  console.log('  threshold curve: containment (Jaccard as default)')
  for (const containment of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01]) {
    run(
      `containment ≥ ${containment}${containment > 1 ? ' (off)' : ''}`,
      { ...base, containment },
      sh,
    )
  }
  console.log(
    '  LSH bands × rows (candidate recall costs memory: about 12 bytes per band and article)',
  )
  for (const [bands, rows] of [
    [6, 2],
    [8, 2],
    [10, 2],
    [12, 2],
    [10, 3],
    [16, 3],
  ] as const) {
    run(`${bands} bands × ${rows} rows`, { ...base, bands, rows }, sh)
  }
  console.log('  shingle length (CJK characters / words)')
  for (const [kCjk, kWords] of [
    [3, 3],
    [4, 3],
    [5, 4],
    [5, 5],
    [6, 4],
  ] as const) {
    run(`k = ${kCjk} / ${kWords}`, { ...base, kCjk, kWords })
  }
}
