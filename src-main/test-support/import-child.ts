// Runs one import in its own process and prints progress, so a test can kill it mid-way.
import { openArchive } from '../db/open'
import { importFolders } from '../import/importer'

const [folder, dbFile] = process.argv.slice(2) as [string, string]
const db = openArchive(dbFile, { create: true })
await importFolders(db, [folder], {
  batchSize: 50,
  onProgress: (p) => process.stdout.write(`done ${p.done}\n`),
})
db.close()
process.stdout.write('finished\n')
