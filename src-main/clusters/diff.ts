import { lazyPackage } from '../lazy-package'
import { isCjk, normalizeText } from '../text/normalize'
import type { DiffPart } from '../shared/clusters'

// jsdiff, loaded when a reader first compares two versions
const jsdiff = lazyPackage<typeof import('diff')>('diff')

// jsdiff (Myers' O(ND) diff, maintained, with edit-length and time limits) does the alignment;
// what it cannot know is what a "word" is in Chinese. Its word mode splits on spaces (a whole
// Chinese paragraph would be one word) and its Intl.Segmenter mode guesses dictionary words that
// differ between Simplified and Traditional text. So the tokens are made here: each CJK
// character, each run of letters and digits, each run of spaces, each other character; and two
// tokens are equal when the index normaliser folds them alike, so a Traditional reprint differs
// from its Simplified original only where the words differ, not on every character.

interface Token {
  text: string
  key: string
}

const WORD = /[\p{L}\p{N}\p{M}'’_-]/u
const SPACE = /\s/

export function diffTokens(text: string): Token[] {
  const out: Token[] = []
  const chars = [...text]
  for (let i = 0; i < chars.length;) {
    const c = chars[i]!
    const cp = c.codePointAt(0)!
    let j = i + 1
    if (isCjk(cp)) {
      // one character, one token
    } else if (SPACE.test(c)) {
      while (j < chars.length && SPACE.test(chars[j]!)) j++
    } else if (WORD.test(c)) {
      while (j < chars.length && WORD.test(chars[j]!) && !isCjk(chars[j]!.codePointAt(0)!)) j++
    }
    const t = chars.slice(i, j).join('')
    out.push({ text: t, key: SPACE.test(c) ? ' ' : normalizeText(t) })
    i = j
  }
  return out
}

export interface DiffResult {
  parts: DiffPart[]
  tooDifferent: boolean
}

/** What `to` changes from `from`, word by word (character by character in CJK text). */
export function diffTexts(from: string, to: string, maxEdits = 20_000): DiffResult {
  const changes = jsdiff().diffArrays(diffTokens(from), diffTokens(to), {
    comparator: (a, b) => a.key === b.key,
    maxEditLength: maxEdits,
  })
  if (changes === undefined) {
    return {
      parts: [
        { op: 'removed', text: from },
        { op: 'added', text: to },
      ].filter((p) => p.text !== '') as DiffPart[],
      tooDifferent: true,
    }
  }
  const parts: DiffPart[] = []
  for (const c of changes) {
    const op = c.added ? 'added' : c.removed ? 'removed' : 'same'
    // for equal stretches jsdiff hands back the new side's tokens: the text of `to` as written
    const text = c.value.map((t) => t.text).join('')
    const last = parts[parts.length - 1]
    if (last?.op === op) last.text += text
    else if (text !== '') parts.push({ op, text })
  }
  return { parts, tooDifferent: false }
}
