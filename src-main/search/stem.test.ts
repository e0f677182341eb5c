import Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { porterStem } from '../shared/match'
import { toIndexText } from '../text/normalize'
import { CORPUS, hasCorpus, NO_CORPUS } from '../test-support/corpus'
import { tempTree } from '../test-support/tmp'
import { searchArchive } from './search'

// The marks are only right if our stemmer gives what FTS5's porter tokenizer stored: ask FTS5
// itself (fts5vocab lists the stored token of every word) and compare.
function ftsStems(words: string[]): string[] {
  const db = new Database(':memory:')
  try {
    db.exec(`CREATE VIRTUAL TABLE f USING fts5(w, tokenize='porter unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(f, instance)`)
    const insert = db.prepare('INSERT INTO f (rowid, w) VALUES (?, ?)')
    db.transaction(() => words.forEach((w, i) => insert.run(i + 1, w)))()
    const out: string[] = []
    for (const r of db.prepare('SELECT doc, term FROM v').all() as { doc: number; term: string }[])
      out[r.doc - 1] = r.term
    return out
  } finally {
    db.close()
  }
}

// runs of letters and digits other than CJK (which toIndexText has already spaced apart)
const WORD = /[\p{L}\p{N}]{2,}/gu

const TRICKY = [
  ...['generalization', 'generalize', 'general', 'organize', 'organization', 'organ'],
  ...['elections', 'election', 'elected', 'electricity', 'caresses', 'ponies', 'cats', 'feed'],
  ...['agreed', 'plastered', 'motoring', 'sing', 'hopping', 'filing', 'happy', 'sky', 'dying'],
  ...['archaeology', 'logically', 'yes', 'was', 'news', 'bias', 'syzygy', 'ab', 'abc', '1990s'],
  ...['naïve', 'résumés', 'straße', 'привет', 'новости', 'ελληνικά', 'ﬁnance', 'x'.repeat(65)],
]

describe('one stemmer: porterStem stores what FTS5 porter stores', () => {
  it('on words that exercise each Porter step', () => {
    // the index sees folded text, so the comparison starts from it too
    const words = TRICKY.map(toIndexText)
    expect(words.map(porterStem)).toEqual(ftsStems(words))
  })

  it.skipIf(!hasCorpus)('on every word of the news corpus but CJK', () => {
    const words = new Set<string>()
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name)
        if (e.isDirectory()) walk(p)
        else if (p.endsWith('.md'))
          for (const w of toIndexText(readFileSync(p, 'utf8')).match(WORD) ?? []) words.add(w)
      }
    }
    walk(CORPUS)
    const list = [...words]
    const fts = ftsStems(list)
    const differ = list.filter((w, i) => porterStem(w) !== fts[i])
    expect(differ).toEqual([])
    expect(list.length).toBeGreaterThan(10_000)
  })
  if (!hasCorpus) it.skip(NO_CORPUS, () => {})
})

describe('a word the index finds is marked', () => {
  let db: Archive
  let tree: ReturnType<typeof tempTree>
  beforeAll(async () => {
    tree = tempTree({
      'a.md':
        '---\ntitle: "Notes"\nlang: en\n---\n\n' +
        'Reporters generalize too fast. The organization behind the election said so.\n',
    })
    db = openArchive(':memory:')
    await importFolders(db, [tree.dir])
  })
  afterAll(() => {
    db.close()
    tree.cleanup()
  })

  it.each([
    ['generalization', 'generalize'],
    ['organize', 'organization'],
    ['elections', 'election'],
    ['elections*', 'election'],
  ])('%s finds the article and marks %s', (query, word) => {
    const r = searchArchive(db, { query })
    expect(r.total).toBe(1)
    const s = r.hits[0]!.snippet
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual([word])
  })
})
