import type { Diff } from 'diff'
import { lazyPackage } from '../lazy-package'
import type { DiffPart } from '../shared/types'

// Chinese has no spaces between words and no segmenter worth its weight ships offline, so a CJK
// character is the unit of change (a reporter sees exactly which characters a stealth edit
// touched); Latin text is compared word by word, keeping spaces and punctuation as their own
// tokens. jsdiff does the comparison (Myers); only the tokenizer is ours.
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}'
const TOKEN = new RegExp(`[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{M}\\p{N}_'’-])+|\\s+|.`, 'gsu')

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

// jsdiff, loaded when a reader first compares two revisions
const jsdiff = lazyPackage<typeof import('diff')>('diff')

let differ: Diff<string, string, string> | undefined

function cjkWordDiff() {
  if (differ) return differ
  class CjkWordDiff extends jsdiff().Diff<string, string, string> {
    override tokenize(value: string): string[] {
      return tokenize(value)
    }
  }
  return (differ = new CjkWordDiff())
}

/** What changed from `before` to `after`, as runs of equal, deleted and inserted text. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const out: DiffPart[] = []
  for (const c of cjkWordDiff().diff(before, after)) {
    const op = c.added ? 'insert' : c.removed ? 'delete' : 'equal'
    const last = out[out.length - 1]
    if (last && last.op === op) last.text += c.value
    else out.push({ op, text: c.value })
  }
  return out
}
