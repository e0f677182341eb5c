import type { ArticleContent } from '../db/articles'
import type { FileReason, ImportWarning } from '../shared/problems'

/** What the pure parser makes of one file's text: an article as the archive keeps it, before it
 * has an id or a place, plus what the parser noticed. Effects (files, SQLite) live elsewhere. */
export type ParsedArticle = ArticleContent & {
  /** e.g. `{ code: 'front-matter-invalid', params: { format: 'yaml', line: 3, detail } }`. */
  warnings: ImportWarning[]
}

export type DecodeResult =
  | { kind: 'text'; text: string; encoding: string; warnings: ImportWarning[] }
  | { kind: 'skip'; reason: FileReason }
