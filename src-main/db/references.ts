import { stmt } from './stmt'
import type { Archive } from './open'
import type { ReferenceFacts } from '../shared/annotations'

interface Row {
  id: number
  title: string
  date: string | null
  lang: string | null
  source_url: string | null
  source_name: string | null
  author: string | null
  imported_at: string
}

/** What citations and exports need of each article, in the order asked; unknown ids are left out. */
export function referenceFacts(db: Archive, ids: number[]): ReferenceFacts[] {
  const get = stmt(
    db,
    `SELECT id, title, date, lang, source_url, source_name, author, imported_at
       FROM articles WHERE id = ?`,
  )
  const out: ReferenceFacts[] = []
  for (const id of new Set(ids)) {
    const r = get.get(id) as Row | undefined
    if (!r) continue
    out.push({
      id: r.id,
      title: r.title,
      date: r.date,
      lang: r.lang,
      sourceUrl: r.source_url,
      sourceName: r.source_name,
      author: r.author,
      importedAt: r.imported_at,
    })
  }
  return out
}
