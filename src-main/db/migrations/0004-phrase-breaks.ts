import type { Migration } from './index'
import { rebuildSearchIndex } from '../search-index'

// The index is rebuilt from the articles (derived data only; nothing a user made is touched):
// the text is now read from marked's tokens (picture captions included, inline code no longer
// hiding what follows it), and a break token stands where a Chinese phrase must not continue
// (punctuation, paragraph breaks).
export const m0004: Migration = {
  version: 4,
  name: 'phrase-breaks',
  up(db) {
    rebuildSearchIndex(db)
  },
}
