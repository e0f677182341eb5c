import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { plainText } from '../src-main/text/plain'
import { toIndexText } from '../src-main/text/normalize'
import { archiveOf } from './search'
import { ms } from './util'

// `npm run bench -- pairs`: would an index of character pairs make the slowest searches (the
// common two-character words: a phrase of two very common characters, each a long position
// list) fast enough to be worth it? The archive's index text as Lectern makes it, written into a
// contentless FTS5 table as Lectern's, beside the same text with each two adjacent CJK characters
// as one token (a run's last character alone, so every character starts a token; a phrase break
// ends a run). Queries: a phrase of pairs; one character, a prefix query over the pairs it
// starts. Only when asked for: it writes two full-text indexes of the whole archive.

const WORDS = ['市场', '数据', '增长', '公司', '经济', '人工智能', '降息', '的']

type Row = [number, string, string]

const isCjk = (t: string) => t.length === 1 && /[\u3400-\u9fff\uf900-\ufaff]/.test(t)

/** Index text with each two adjacent CJK characters as one token. */
function pairTokens(text: string): string {
  const tokens = text.split(' ')
  return tokens
    .map((t, i) => {
      const next = tokens[i + 1]
      return isCjk(t) && next !== undefined && isCjk(next) ? t + next : t
    })
    .join(' ')
}

const presentQuery = (word: string) => `"${[...word].join(' ')}"`
function pairsQuery(word: string): string {
  const cs = [...word]
  if (cs.length === 1) return `${cs[0]}*`
  return `"${cs
    .slice(0, -1)
    .map((c, i) => c + cs[i + 1])
    .join(' ')}"`
}

interface Built {
  writeMs: number
  bytes: number
  /** Per word: its hits and the median time of a count and a bm25 top 50. */
  words: { hits: number; ms: number }[]
}

/** The archive's own full-text table's definition, as table `f`, with FTS5 options added. */
function ftsLike(definition: string, options: string): string {
  const named = definition.replace(
    /^CREATE VIRTUAL TABLE\s+"?articles_fts"?/i,
    'CREATE VIRTUAL TABLE f',
  )
  if (named === definition) throw new Error(`not the full-text table: ${definition}`)
  return named.replace(/\)\s*$/, `${options})`)
}

function build(
  name: string,
  rows: Row[],
  query: (word: string) => string,
  definition: string,
  prefix = '',
): Built {
  const file = join(tmpdir(), `lectern-bench-${name}.db`)
  rmSync(file, { force: true })
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('cache_size = -65536')
    db.exec(ftsLike(definition, prefix))
    const insert = db.prepare('INSERT INTO f (rowid, title, body) VALUES (?, ?, ?)')
    const t = performance.now()
    for (let i = 0; i < rows.length; i += 1000) {
      db.transaction(() => {
        for (const r of rows.slice(i, i + 1000)) insert.run(...r)
      })()
    }
    const writeMs = performance.now() - t
    const bytes = db.prepare('SELECT sum(length(block)) FROM f_data').pluck().get() as number
    const count = db.prepare('SELECT count(*) FROM f WHERE f MATCH ?').pluck()
    const top = db.prepare(
      'SELECT rowid FROM f WHERE f MATCH ? ORDER BY bm25(f, 10.0, 1.0) LIMIT 50',
    )
    const words = WORDS.map((word) => {
      const m = query(word)
      const times: number[] = []
      let hits = 0
      for (let k = 0; k < 5; k++) {
        const s = performance.now()
        hits = count.get(m) as number
        top.all(m)
        times.push(performance.now() - s)
      }
      return { hits, ms: times.sort((a, b) => a - b)[2]! }
    })
    return { writeMs, bytes, words }
  } finally {
    db.close()
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
  }
}

export async function benchPairs(count = 100_000): Promise<void> {
  console.log(`\n## A character-pair index beside the present one: ${count} articles`)
  const archive = await archiveOf(count)
  const rows = archive
    .prepare(
      `SELECT a.id, a.title, t.markdown FROM articles a JOIN article_texts t ON t.article_id = a.id`,
    )
    .raw()
    .all() as Row[]
  // (the same table as the archive's: its definition read from the archive itself)
  const definition = archive
    .prepare(`SELECT sql FROM sqlite_schema WHERE name = 'articles_fts'`)
    .pluck()
    .get() as string
  archive.close()
  const present = rows.map(([id, title, md]): Row => [
    id,
    toIndexText(title),
    toIndexText(plainText(md)),
  ])
  const pairs = present.map(([id, title, body]): Row => [id, pairTokens(title), pairTokens(body)])
  const a = build('present', present, presentQuery, definition)
  // pairs, and pairs with FTS5's index of one-character prefixes (single characters off it)
  for (const [label, prefix] of [
    ['pairs', ''],
    ["pairs + prefix='1'", ", prefix = '1'"],
  ] as const) {
    const b = build('pairs', pairs, pairsQuery, definition, prefix)
    console.log(`  ${label}:`)
    const row = (what: string, x: string, y: string, ratio: number) =>
      console.log(
        `    ${what.padEnd(34)} ${y.padStart(10)}  present ${x.padStart(10)}  ratio ${ratio.toFixed(2)}`,
      )
    row('written', ms(a.writeMs), ms(b.writeMs), b.writeMs / a.writeMs)
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`
    row('index size', mb(a.bytes), mb(b.bytes), b.bytes / a.bytes)
    WORDS.forEach((word, i) => {
      const [x, y] = [a.words[i]!, b.words[i]!]
      if (x.hits !== y.hits)
        console.log(`    ${word}: ${y.hits} hits with pairs, ${x.hits} without!`)
      row(`${word} (${x.hits} hits), count + top 50`, ms(x.ms), ms(y.ms), y.ms / x.ms)
    })
  }
}
