// Temporary probe (not committed): memory of an import over time.
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { openArchive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'

const dir = process.argv[2]!
const work = mkdtempSync('/tmp/mem13/probe-')
const db = openArchive(join(work, 'archive.db'), { create: true })
const mb = (x: number) => (x / 1048576).toFixed(0)
let done = 0
let peak = 0
const t0 = Date.now()
const show = () => {
  const m = process.memoryUsage()
  peak = Math.max(peak, m.rss)
  console.log(
    `${((Date.now() - t0) / 1000).toFixed(0)}s done ${done} rss ${mb(m.rss)} heapUsed ${mb(m.heapUsed)} heapTotal ${mb(m.heapTotal)} external ${mb(m.external)} ab ${mb(m.arrayBuffers)}`,
  )
}
const iv = setInterval(show, 5000)
const r = await importFolders(db, [dir], { onProgress: (p) => (done = p.done) })
show()
clearInterval(iv)
console.log('files', r.files.length, 'imported', r.imported, 'peak', mb(peak))
db.close()
rmSync(work, { recursive: true, force: true })
