import { copyFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive, type Archive } from '../src-main/db/open'
import { searchArchive } from '../src-main/search/search'
import { bulkEdit } from '../src-main/keep/edit'
import { trashArticles } from '../src-main/db/trash'
import { archiveOf } from './search'
import { ms, percentile } from './util'

// What search costs once users have edited and trashed: the same queries (with filters, facets
// and a date sort, the parts that read the shown values) on an archive without edits (the
// plain columns, as before edits existed) and after editing dates, tags and sources of 5% of
// the articles and trashing 1%.

const QUERIES = [
  '的',
  '经济',
  '降息',
  'market',
  'rates',
  'tag:科技',
  'lang:en',
  'after:2024 市场',
  'source:reuters.com',
  '',
]

function run(db: Archive): number[] {
  const out: number[] = []
  for (const sort of ['relevance', 'newest'] as const) {
    for (const query of QUERIES) {
      for (let i = 0; i < 3; i++) {
        const t = performance.now()
        searchArchive(db, { query, limit: 50, sort })
        out.push(performance.now() - t)
      }
    }
  }
  return out.sort((a, b) => a - b)
}

export async function benchSearchShown(count: number): Promise<void> {
  console.log(`\n## Search over edited and trashed articles: ${count} generated articles`)
  const source = await archiveOf(count)
  const file = join(tmpdir(), `lectern-bench-shown-${process.pid}.db`)
  source.pragma('wal_checkpoint(TRUNCATE)')
  copyFileSync(source.name, file)
  source.close()
  const db = openArchive(file)
  try {
    run(db) // warm the page cache
    const plain = run(db)
    const ids = db.prepare(`SELECT id FROM articles ORDER BY id`).pluck().all() as number[]
    const every = (n: number) => ids.filter((_, i) => i % n === 0)
    const t = performance.now()
    bulkEdit(db, every(20), { addTags: ['已核对'], set: { sourceName: '新华社' } })
    bulkEdit(db, every(40), { set: { date: '2019-06-01' } })
    trashArticles(db, every(100), new Date().toISOString())
    const editMs = performance.now() - t
    run(db) // the facet index is rebuilt once after a change
    const shown = run(db)
    const line = (label: string, s: number[]) =>
      console.log(
        `  ${label.padEnd(34)} p50 ${ms(percentile(s, 50))}  p95 ${ms(percentile(s, 95))}  max ${ms(s.at(-1) ?? NaN)}`,
      )
    line('no edits (plain columns, baseline)', plain)
    line('5% edited, 1% trashed', shown)
    console.log(
      `  ratio p50 edited / baseline: ${(percentile(shown, 50) / percentile(plain, 50)).toFixed(2)}x` +
        `, p95 ${(percentile(shown, 95) / percentile(plain, 95)).toFixed(2)}x`,
    )
    console.log(
      `  the edits and the trash themselves (${every(20).length} articles): ${ms(editMs)}`,
    )
  } finally {
    db.close()
    rmSync(file, { force: true })
    rmSync(`${file}-wal`, { force: true })
    rmSync(`${file}-shm`, { force: true })
  }
}
