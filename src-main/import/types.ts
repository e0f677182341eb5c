import type { ArticleContent } from '../db/articles'

/** What the pure parser makes of one file's text: an article as the archive keeps it, before it
 * has an id or a place, plus what the parser noticed. Effects (files, SQLite) live elsewhere. */
export type ParsedArticle = ArticleContent & {
  /** Human-readable, e.g. `front matter: invalid YAML (line 3): ... — imported as body`. */
  warnings: string[]
}

export type DecodeResult =
  | { kind: 'text'; text: string; encoding: string; warnings: string[] }
  | { kind: 'skip'; reason: string }
