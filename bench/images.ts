import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'
import { fetchImages } from '../src-main/images/fetch-images'
import { DEFAULT_LIMITS } from '../src-main/images/limits'
import type { FetchFn } from '../src-main/images/download'
import { imageHost, serve, tinyPng } from '../src-main/test-support/images'

const HOSTS = 8
const PER_ARTICLE = 10

/**
 * Pictures fetched per second with the default limits, from a local server that takes
 * `latencyMs` to answer (as a distant image host would), spread over several host names; and
 * the same against one download at a time.
 */
export async function benchImages(count = 1000, latencyMs = 20): Promise<void> {
  const { concurrency, perHost } = DEFAULT_LIMITS
  console.log(
    `\n## Images: ${count} pictures from a local server, ${latencyMs} ms per answer, ${HOSTS} hosts`,
  )
  const host = await imageHost({
    '/pic.png': (req, res, n) => {
      const i = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('i'))
      setTimeout(
        () => serve(tinyPng(i & 255, (i >> 8) & 255, (i >> 16) & 255))(req, res, n),
        latencyMs,
      )
    },
  })
  // The archive holds real-looking addresses; the fetch sends them to the local server.
  const toLocal: FetchFn = (url, init) => {
    const u = new URL(url)
    return fetch(`${host.base}${u.pathname}${u.search}`, init)
  }
  const work = mkdtempSync(join(tmpdir(), 'lectern-bench-images-'))
  try {
    mkdirSync(join(work, 'news'))
    for (let a = 0; a * PER_ARTICLE < count; a++) {
      const pics = Array.from(
        { length: Math.min(PER_ARTICLE, count - a * PER_ARTICLE) },
        (_, k) => {
          const i = a * PER_ARTICLE + k
          return `![](https://img${i % HOSTS}.example.com/pic.png?i=${i})`
        },
      )
      writeFileSync(join(work, 'news', `${a}.md`), `# Article ${a}\n\n${pics.join('\n\n')}\n`)
    }
    let runs = 0
    const run = async (
      name: string,
      limits: { concurrency: number; perHost: number },
      n: number,
    ) => {
      const db = openArchive(join(work, `run${++runs}.db`), { create: true })
      try {
        const report = await importFolders(db, [join(work, 'news')])
        const ids = report.files
          .flatMap((f) => (f.id ? [f.id] : []))
          .slice(0, Math.ceil(n / PER_ARTICLE))
        const t = performance.now()
        const r = await fetchImages(db, { ...limits, fetch: toLocal, articleIds: ids })
        const s = (performance.now() - t) / 1000
        const rate = r.stored / s
        console.log(
          `  ${name.padEnd(34)} ${r.stored}/${r.total} stored in ${s.toFixed(2)} s = ${rate.toFixed(0)} images/s`,
        )
        return rate
      } finally {
        db.close()
      }
    }
    const fast = await run(
      `default (${concurrency} at once, ${perHost} per host)`,
      { concurrency, perHost },
      count,
    )
    const slow = await run('one at a time', { concurrency: 1, perHost: 1 }, Math.min(count, 200))
    console.log(`  ratio default / one at a time: ${(fast / slow).toFixed(1)}x`)
    // The server shares this process's event loop and thread pool, so it costs some speed too.
    if (latencyMs > 0) {
      const ceiling = (concurrency * 1000) / latencyMs
      console.log(`  ceiling of ${concurrency} at once, ${latencyMs} ms each: ${ceiling} images/s`)
    }
  } finally {
    await host.close()
    rmSync(work, { recursive: true, force: true })
  }
}
