import { MemoryClusters } from '../src-main/clusters/memory-store'
import type { ClusterParams } from '../src-main/clusters/params'
import { shingleHashes, tokenize } from '../src-main/clusters/shingles'
import { storyText } from '../src-main/clusters/text'
import type { EvalItem } from './clusters-set'

export interface Scores {
  precision: number
  recall: number
  tp: number
  fp: number
  fn: number
}

const pairs = (n: number) => (n * (n - 1)) / 2

/** Pairwise precision and recall: every pair of items put in one cluster is a claim. */
export function pairwise(items: EvalItem[], clusterOf: (id: number) => number): Scores {
  const byCluster = new Map<number, Map<number, number>>()
  const groupSize = new Map<number, number>()
  for (const it of items) {
    const c = clusterOf(it.id)
    const m = byCluster.get(c) ?? new Map<number, number>()
    m.set(it.group, (m.get(it.group) ?? 0) + 1)
    byCluster.set(c, m)
    groupSize.set(it.group, (groupSize.get(it.group) ?? 0) + 1)
  }
  let claimed = 0
  let tp = 0
  for (const m of byCluster.values()) {
    let n = 0
    for (const k of m.values()) {
      tp += pairs(k)
      n += k
    }
    claimed += pairs(n)
  }
  let truth = 0
  for (const n of groupSize.values()) truth += pairs(n)
  return {
    precision: claimed === 0 ? 1 : tp / claimed,
    recall: truth === 0 ? 1 : tp / truth,
    tp,
    fp: claimed - tp,
    fn: truth - tp,
  }
}

/** Shingles per item (in text order), made once per shingle length. */
export function shingled(items: EvalItem[], p: ClusterParams): Map<number, Uint32Array> {
  return new Map(items.map((it) => [it.id, shingleHashes(tokenize(storyText(it.markdown)), p)]))
}

/** Clusters the items in id order (their import order) through the engine the archive uses. */
export function clusterItems(
  items: EvalItem[],
  p: ClusterParams,
  sh: Map<number, Uint32Array> = shingled(items, p),
): MemoryClusters {
  const m = new MemoryClusters(p)
  for (const it of items) m.addShingles(it.id, sh.get(it.id)!)
  return m
}
