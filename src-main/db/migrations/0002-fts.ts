import type { Migration } from './index'
import { rebuildSearchIndex } from '../search-index'

// Full-text index. SQLite cannot load a CJK tokenizer written in JS, so text is pre-tokenized by
// src-main/text/normalize.ts (every CJK character its own token) and stored contentless: the
// articles table already holds the text, snippets are cut from it in JS. contentless_delete lets
// us delete and replace rows (SQLite >= 3.43).
export const m0002: Migration = {
  version: 2,
  name: 'fts',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
    `)
    rebuildSearchIndex(db)
  },
}
