import { stmt } from './stmt'
import type { Archive } from './open'
import type { Article } from '../shared/types'
import { labelsOf, setLabels } from './labels'
import { indexArticle } from './search-index'
import { touch } from './generation'
import { storedImagesOf } from './images'
import type { StoredText } from './stored-text'

/** An article's own content as the archive keeps it, before it has an id, a place or stored
 * pictures. The importer's parser makes one (import/types.ts adds what it noticed). */
export type ArticleContent = Omit<
  Article,
  'id' | 'path' | 'images' | 'edited' | 'imported' | 'trashed' | 'sourceMissing' | 'revisions'
>

/** An article's content as stored: the front matter may come as its JSON text already, and the
 * long texts as UTF-8 bytes (the importer makes both in its parse workers). */
export type StoredContent = Omit<ArticleContent, 'frontMatter' | 'markdown'> & {
  frontMatter: Record<string, unknown> | StoredText
  markdown: StoredText
}

/** What the importer stores for one article: the parse plus where it came from. */
export interface ArticleRecord {
  parsed: StoredContent
  path: string
  folder: string
  contentHash: string
  bytes: number
  /** The index's folded text when the importer made it already (in a parse worker, from the
   * same lexing that found the pictures). */
  index?: { title: string; body: StoredText }
}

interface ArticleRow {
  id: number
  title: string
  date: string | null
  summary: string | null
  lang: string | null
  thumbnail: string | null
  source_url: string | null
  source_name: string | null
  author: string | null
  markdown: string
  front_matter: string
  path: string
}

function columns(r: ArticleRecord) {
  const p = r.parsed
  return {
    title: p.title,
    date: p.date,
    summary: p.summary,
    lang: p.lang,
    thumbnail: p.thumbnail,
    source_url: p.sourceUrl,
    source_name: p.sourceName,
    author: p.author,
    path: r.path,
    folder: r.folder,
    content_hash: r.contentHash,
    bytes: r.bytes,
  }
}

export function insertArticle(db: Archive, r: ArticleRecord, now: string): number {
  const p = r.parsed
  // positional: binding by name looks each name up on an object, which doubled this insert's cost
  const info = stmt(
    db,
    `INSERT INTO articles (title, date, summary, lang, thumbnail, source_url, source_name, author,
         path, folder, content_hash, bytes, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.title,
    p.date,
    p.summary,
    p.lang,
    p.thumbnail,
    p.sourceUrl,
    p.sourceName,
    p.author,
    r.path,
    r.folder,
    r.contentHash,
    r.bytes,
    now,
  )
  const id = Number(info.lastInsertRowid)
  putText(db, id, r.parsed)
  touch(db)
  setLabels(db, id, 'tag', r.parsed.tags, true)
  setLabels(db, id, 'category', r.parsed.categories, true)
  indexArticle(db, id, r.parsed.title, r.parsed.markdown, { fresh: true, text: r.index })
  return id
}

export function updateArticle(db: Archive, id: number, r: ArticleRecord, now: string): void {
  stmt(
    db,
    `UPDATE articles SET title = @title, date = @date, summary = @summary, lang = @lang,
       thumbnail = @thumbnail, source_url = @source_url, source_name = @source_name,
       author = @author, path = @path,
       folder = @folder, content_hash = @content_hash, bytes = @bytes, updated_at = @now
     WHERE id = @id`,
  ).run({ ...columns(r), now, id })
  putText(db, id, r.parsed)
  touch(db)
  setLabels(db, id, 'tag', r.parsed.tags)
  setLabels(db, id, 'category', r.parsed.categories)
  indexArticle(db, id, r.parsed.title, r.parsed.markdown, { text: r.index })
}

export function findByHash(db: Archive, hash: string): number | null {
  const row = stmt(db, `SELECT id FROM articles WHERE content_hash = ? LIMIT 1`).get(hash) as
    { id: number } | undefined
  return row?.id ?? null
}

export function getArticle(db: Archive, id: number): Article | null {
  const row = stmt(
    db,
    `SELECT id, title, date, summary, lang, thumbnail, source_url, source_name, author,
              t.markdown, t.front_matter, path
         FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`,
  ).get(id) as ArticleRow | undefined
  if (!row) return null
  return {
    id: row.id,
    title: row.title,
    date: row.date,
    summary: row.summary,
    lang: row.lang,
    categories: labelsOf(db, id, 'category'),
    tags: labelsOf(db, id, 'tag'),
    thumbnail: row.thumbnail,
    sourceUrl: row.source_url,
    sourceName: row.source_name,
    author: row.author,
    path: row.path,
    frontMatter: JSON.parse(row.front_matter) as Record<string, unknown>,
    markdown: row.markdown,
    images: storedImagesOf(db, id),
  }
}

function putText(db: Archive, id: number, p: StoredContent): void {
  stmt(
    db,
    `INSERT INTO article_texts (article_id, markdown, front_matter)
       VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT))
     ON CONFLICT (article_id) DO UPDATE SET markdown = excluded.markdown,
       front_matter = excluded.front_matter`,
  ).run(
    id,
    p.markdown,
    typeof p.frontMatter === 'string' || p.frontMatter instanceof Uint8Array
      ? p.frontMatter
      : JSON.stringify(p.frontMatter),
  )
}

/** The path an article was created from (null when there is no such article). */
export function articlePath(db: Archive, id: number): string | null {
  const row = stmt(db, `SELECT path FROM articles WHERE id = ?`).get(id) as
    { path: string } | undefined
  return row?.path ?? null
}

/** The first of these ids that is no article, if any (a bulk action names it in its error). */
export function missingArticles(db: Archive, ids: number[]): number[] {
  if (ids.length === 0) return []
  return stmt(
    db,
    `SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM articles) LIMIT 1`,
  )
    .pluck()
    .all(JSON.stringify(ids)) as number[]
}
