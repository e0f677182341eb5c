import { describe, expect, it } from 'vitest'
import { rankExtensionFile } from '../api/open-service'
import { indexText } from './search-index'
import { plainText } from '../text/plain'
import { ftsIndexOf } from '../test-support/fts-index'

// Lectern's extension registers a faster "porter" tokenizer over FTS5's own
// (native/lectern_tokens.c): a CJK character alone between spaces is taken as it is, the rest of
// the text goes to the built-in tokenizer. An archive is written by connections with and without
// the extension alike (a machine without a C compiler has none), so the two must make the same
// index: every token, in every position.

const built = rankExtensionFile()

const indexOf = (docs: (string | Buffer)[], extension: boolean) =>
  ftsIndexOf(docs, { extension: extension ? built : null })

const sameIndex = (docs: (string | Buffer)[]) => {
  const without = indexOf(docs, false)
  expect(without.length).toBeGreaterThan(0)
  const withIt = indexOf(docs, true)
  // (the first difference, rather than a diff of a million rows)
  const at = without.findIndex((row, i) => withIt[i] !== row)
  expect(at === -1 ? null : [without[at], withIt[at]]).toBeNull()
  expect(withIt).toHaveLength(without.length)
}

describe.skipIf(!built)('the index written with Lectern’s tokenizer', () => {
  it('is FTS5’s own for every character standing alone', () => {
    // every code point but the surrogates, each between spaces, 4,096 to a row
    const docs: string[] = []
    let row: string[] = []
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      row.push(String.fromCodePoint(cp))
      if (row.length < 4096) continue
      docs.push(row.join(' '))
      row = []
    }
    docs.push(row.join(' '))
    sameIndex(docs)
  }, 60_000)

  it('is FTS5’s own for text mixing scripts, spacing and broken UTF-8', () => {
    sameIndex([
      // as Lectern writes it: CJK characters spaced, words stemmed, folded
      indexText(
        '市场观察',
        plainText('# 市场\n\n中国经济 running markets, 臺灣 café ﬁle Ａ１\n\n- 一\n- 二'),
      ).body,
      // characters at the ends, runs of spaces, CJK beside Latin without a space
      '中',
      ' 中',
      '中 ',
      '  中   国  ',
      '中x 中 y中 ab 中 cd',
      'Ｆ 中 Ａ 〇 、 。 ｶ ㄅ 가 ア',
      // characters FTS5 folds or drops: taken by the built-in tokenizer
      'ﬁ ǅ Ǆ ß ẞ ℡ ㍿ ︵ 〜',
      // three-byte sequences that are not characters, cut short, or overlong
      Buffer.from([0xe4, 0xb8, 0x20, 0xe4, 0xb8, 0xad]),
      Buffer.from([0x20, 0xe4, 0x41, 0x42, 0x20, 0xe0, 0x80, 0x80, 0x20, 0xed, 0xa0, 0x80]),
      Buffer.from([0xe4, 0xb8, 0xad, 0x20, 0xe4]),
    ])
  })
})
