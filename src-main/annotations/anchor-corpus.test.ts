import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { decodeFile } from '../import/decode'
import { parseArticle } from '../import/parse'
import { plainText } from '../text/plain'
import { CORPUS, hasCorpus, NO_CORPUS } from '../test-support/corpus'
import { reanchor, selectorAt } from './anchor'

/** Every 20th article of the real news corpus, as plain text. */
function texts(): string[] {
  return readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.md$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
    .filter((_, i) => i % 20 === 0)
    .flatMap((abs) => {
      const d = decodeFile(readFileSync(abs), path.basename(abs))
      return d.kind === 'text' ? [plainText(parseArticle(d.text, abs).markdown)] : []
    })
    .filter((t) => t.length > 200)
}

describe.skipIf(!hasCorpus)('anchoring in real news articles', () => {
  if (!hasCorpus) it.skip(NO_CORPUS, () => {})

  // Scraped news repeats itself (chart captions, "1-Year Stock Price Chart"): the edited
  // occurrence must win over an untouched copy of the same words elsewhere.
  it('finds a quote again after an editor adds a correction on top and changes a character in it', () => {
    const all = texts()
    expect(all.length).toBeGreaterThan(50)
    const lost: string[] = []
    for (const text of all) {
      // A 24-character quote from the middle: what a reader highlights.
      const start = Math.floor(text.length / 2)
      const sel = selectorAt(text, start, start + 24)
      const quote = sel.exact
      const changed = quote.slice(0, 12) + (quote[12] === '的' ? '之' : '的') + quote.slice(13)
      const note = '【更正】本文此前版本有误，现已更正。'
      const after = note + text.slice(0, start) + changed + text.slice(start + 24)
      const a = reanchor(after, sel)
      if (!a || a.start !== start + note.length || a.end !== a.start + 24) lost.push(quote)
    }
    expect(lost).toEqual([])
  })
})
