import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { tempTree } from './tmp'

export interface ImportedTree {
  db: Archive
  /** An imported article's id by its file's name in `files`. */
  id: (file: string) => number
  /** Closes the archive and removes the files. */
  close: () => void
}

/** An archive in memory with `files` imported from a temporary folder. */
export async function importedTree(files: Record<string, string>): Promise<ImportedTree> {
  const tree = tempTree(files)
  const db = openArchive(':memory:')
  await importFolders(db, [tree.dir])
  const ids = new Map<string, number>()
  const rows = db.prepare(`SELECT id, path FROM articles`).all() as { id: number; path: string }[]
  for (const r of rows) ids.set(r.path.slice(tree.dir.length + 1), r.id)
  return {
    db,
    id: (file) => ids.get(file)!,
    close: () => {
      db.close()
      tree.cleanup()
    },
  }
}
