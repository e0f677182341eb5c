// One Lectern import in a process of its own (`node out/main/bench/import-child.js ARCHIVE FOLDER
// [--no-clusters]`, bundled by bench/built-child.ts), so its peak RSS is the import's alone, not
// the bench's (which holds the file list and ran the plain pipeline). Prints its figures as one
// JSON line; RSS every 100,000 files on stderr. Timed until the archive is closed, as the plain
// pipeline is: closing copies what the import left in the write-ahead log into the archive (see
// checkpointLess in src-main/db/open.ts), and `lectern import` waits for that before it exits.
import { openArchive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'
import { useExtension } from '../src-main/db/extension'
import { rankExtensionFile } from '../src-main/api/open-service'

const [file, dir, flag] = process.argv.slice(2) as [string, string, string?]
const mb = (x: number) => (x / 1024 / 1024).toFixed(0)
// as `lectern import` runs: with Lectern's extension where it is built (its tokenizer writes the
// index: native/lectern_tokens.c)
useExtension(rankExtensionFile())
const db = openArchive(file, { create: true })
const cpu = process.cpuUsage()
const t = performance.now()
let next = 100_000
const r = await importFolders(db, [dir], {
  clusters: flag !== '--no-clusters',
  onProgress: (p) => {
    if (p.done < next) return
    next += 100_000
    const m = process.memoryUsage()
    console.error(
      `    … ${p.done} files, ${p.rate.toFixed(0)}/s, RSS ${mb(m.rss)} MB (JS heap ${mb(m.heapUsed)} MB, outside it ${mb(m.external)} MB)`,
    )
  },
})
db.close()
const ms = performance.now() - t
const used = process.cpuUsage(cpu)
// (not `files`: reading it makes every file's result an object, 330 MB at a million files, which
// this child's peak counted as the import's until 2026-12-02: 999 MiB, where `lectern import` of
// the same million files peaks at 904 MiB)
const counts = Object.fromEntries(
  Object.keys(r)
    .filter((k) => k !== 'files')
    .map((k) => [k, r[k as keyof typeof r]]),
)
console.log(
  JSON.stringify({
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    report: counts,
  }),
)
