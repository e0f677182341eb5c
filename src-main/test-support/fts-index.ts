import Database from 'better-sqlite3'

/**
 * The index FTS5 makes of `docs` in a table like Lectern's (`porter unicode61 remove_diacritics
 * 2`), as `term row column position` lines in the order FTS5 lists them (by row, position, term):
 * with Lectern's extension loaded when `extension` names it, and the common pairs handed to it
 * when `pairs` is given (db/common-pairs.ts). A second column holds the same short text in
 * every row.
 */
export function ftsIndexOf(
  docs: (string | Buffer)[],
  opts: { extension?: string | null; pairs?: string } = {},
): string[] {
  const db = new Database(':memory:')
  try {
    if (opts.extension) db.loadExtension(opts.extension)
    if (opts.pairs !== undefined) {
      const n = db.prepare(`SELECT lectern_index_pairs(?)`).pluck().get(opts.pairs)
      if (n !== [...opts.pairs].length / 2) throw new Error(`lectern_index_pairs took ${n} pairs`)
    }
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, y, tokenize = 'porter unicode61 remove_diacritics 2');
      CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')`)
    const insert = db.prepare(`INSERT INTO t (x, y) VALUES (CAST(? AS TEXT), '中 国 市 场')`)
    db.transaction(() => docs.forEach((d) => insert.run(d)))()
    return db
      .prepare(`SELECT term, doc, col, offset FROM v ORDER BY doc, col, offset, term`)
      .raw()
      .all()
      .map((r) => (r as unknown[]).join(' '))
  } finally {
    db.close()
  }
}
