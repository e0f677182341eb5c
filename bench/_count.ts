import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openArchive } from '../src-main/db/open'
import { importFolders } from '../src-main/import/importer'
const dir = join(tmpdir(), 'lectern-bench-v2-5000')
const db = openArchive(join(mkdtempSync(join(tmpdir(), 'clus11b-')), 'a.db'), { create: true })
await importFolders(db, [dir], { clusters: true })
const s = (globalThis as any).__stats
console.log(s)
console.log(db.prepare(`SELECT count(*) n, count(DISTINCT key) k FROM story_bands`).get())
console.log(db.prepare(`SELECT c, count(*) FROM (SELECT key, count(*) c FROM story_bands GROUP BY key) GROUP BY c ORDER BY c DESC LIMIT 10`).all())
