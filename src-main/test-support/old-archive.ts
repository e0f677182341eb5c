import Database from 'better-sqlite3'
import { insertArticle } from '../db/articles'
import { migrate } from '../db/migrations/index'
import type { ParsedArticle } from '../import/types'

// Set-up shared by the migration tests: an archive as an older Lectern left it, with articles.

/** An in-memory archive at `version` (foreign keys on, as openArchive sets them). */
export function archiveAt(version: number): Database.Database {
  const db = new Database(':memory:')
  db.pragma('foreign_keys = ON')
  migrate(db, version)
  return db
}

/** A parsed article: what is not given is left blank, as in a file with only a title. */
export function parsedArticle(fields: Partial<ParsedArticle> & { title: string }): ParsedArticle {
  return {
    date: null,
    summary: null,
    lang: null,
    categories: [],
    tags: [],
    thumbnail: null,
    sourceUrl: null,
    sourceName: null,
    author: null,
    markdown: '',
    frontMatter: {},
    warnings: [],
    ...fields,
  }
}

/** Stores articles as an import does, from files `/n/1.md`, `/n/2.md`, … in turn; returns ids. */
export function articleAdder(db: Database.Database, now = 'now') {
  let n = 0
  return (fields: Partial<ParsedArticle> & { title: string }, at = now): number => {
    n++
    return insertArticle(
      db,
      {
        parsed: parsedArticle(fields),
        path: `/n/${n}.md`,
        folder: '/n',
        contentHash: `h${n}`,
        bytes: (fields.markdown ?? '').length || 1,
      },
      at,
    )
  }
}
