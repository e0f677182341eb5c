import { stmt } from './stmt'
import type { Archive } from './open'
import { labelsOf } from './labels'
import type { RevisionInfo } from '../shared/types'

/** One state of an article's imported values (the current one, or a kept earlier one). */
export interface RevisionText {
  title: string
  date: string | null
  summary: string | null
  lang: string | null
  sourceUrl: string | null
  sourceName: string | null
  author: string | null
  tags: string[]
  categories: string[]
  markdown: string
  hash: string
  importedAt: string
}

/** Keeps the article's imported state as a revision; called just before a re-import updates it. */
export function keepRevision(db: Archive, articleId: number, now: string): void {
  stmt(
    db,
    `INSERT INTO revisions (article_id, title, date, summary, lang, source_url, source_name,
         author, tags, categories, markdown, front_matter, content_hash, imported_at, replaced_at)
     SELECT a.id, a.title, a.date, a.summary, a.lang, a.source_url, a.source_name, a.author,
         ?, ?, t.markdown, t.front_matter, a.content_hash, coalesce(a.updated_at, a.imported_at), ?
       FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`,
  ).run(
    JSON.stringify(labelsOf(db, articleId, 'tag')),
    JSON.stringify(labelsOf(db, articleId, 'category')),
    now,
    articleId,
  )
}

interface Row {
  title: string
  date: string | null
  summary: string | null
  lang: string | null
  source_url: string | null
  source_name: string | null
  author: string | null
  tags: string
  categories: string
  markdown: string
  content_hash: string
  imported_at: string
}

function toText(r: Row): RevisionText {
  return {
    title: r.title,
    date: r.date,
    summary: r.summary,
    lang: r.lang,
    sourceUrl: r.source_url,
    sourceName: r.source_name,
    author: r.author,
    tags: JSON.parse(r.tags) as string[],
    categories: JSON.parse(r.categories) as string[],
    markdown: r.markdown,
    hash: r.content_hash,
    importedAt: r.imported_at,
  }
}

/** Every state of an article, oldest first, the current one last; empty when there is no article. */
export function revisionTexts(db: Archive, articleId: number): RevisionText[] {
  const kept = stmt(
    db,
    `SELECT title, date, summary, lang, source_url, source_name, author, tags, categories,
            markdown, content_hash, imported_at
       FROM revisions WHERE article_id = ? ORDER BY id`,
  ).all(articleId) as Row[]
  const current = stmt(
    db,
    `SELECT a.title, a.date, a.summary, a.lang, a.source_url, a.source_name, a.author,
            '[]' AS tags, '[]' AS categories, t.markdown, a.content_hash,
            coalesce(a.updated_at, a.imported_at) AS imported_at
       FROM articles a JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?`,
  ).get(articleId) as Row | undefined
  if (!current) return []
  const now = toText(current)
  now.tags = labelsOf(db, articleId, 'tag')
  now.categories = labelsOf(db, articleId, 'category')
  return [...kept.map(toText), now]
}

export function revisionList(db: Archive, articleId: number): RevisionInfo[] {
  const all = revisionTexts(db, articleId)
  return all.map((r, i) => ({
    revision: i + 1,
    date: r.importedAt,
    title: r.title,
    hash: r.hash,
    current: i === all.length - 1,
  }))
}
