/** What the pure parser makes of one file's text. Effects (files, SQLite) live elsewhere. */
export interface ParsedArticle {
  /** Never empty: front matter title, else first `#` heading, else the file name. */
  title: string
  /** ISO 8601: `2026-07-30T16:04:22` (no zone given), `2025-02-13T19:47:22+08:00`, `2026-08-21T14:03:00Z`, `2018-06-07`; null when unknown. */
  date: string | null
  summary: string | null
  /** First language given (`lang` may be a string or a list), e.g. `zh-CN`; null when none. */
  lang: string | null
  /** Trimmed, empty ones dropped, de-duplicated case-insensitively (first spelling kept). */
  categories: string[]
  tags: string[]
  thumbnail: string | null
  sourceUrl: string | null
  /** Link text of the last-line source link (`[qq](https://...)`), else the URL's host. */
  sourceName: string | null
  author: string | null
  /** The body: everything after the front matter, newlines normalised to \n. */
  markdown: string
  /** The raw front matter as parsed, every key kept (unknown ones too); {} when none. */
  frontMatter: Record<string, unknown>
  /** Human-readable, e.g. `front matter: invalid YAML (line 3): ... — imported as body`. */
  warnings: string[]
}

export type DecodeResult =
  | { kind: 'text'; text: string; encoding: string; warnings: string[] }
  | { kind: 'skip'; reason: string }
