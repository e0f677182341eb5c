/**
 * Makes src-main/text/common-pairs.ts: the character pairs the index keeps as tokens of their
 * own (native/lectern_tokens.c, "Common pairs"), the most common in news by how many articles
 * hold them. Counted over the shared corpus's Chinese articles, folded as the index folds them
 * (normalizeText: Traditional to Simplified), pairs of two CJK Unified Ideographs only.
 *
 *   npx tsx bench/common-pairs.ts ../shared/corpus/news [count]
 *
 * Changing the list changes what an archive's index holds: an archive records the list it was
 * indexed with and searches by pairs only when it is this one (src-main/db/common-pairs.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { normalizeText } from '../src-main/text/normalize'

const HAN = /^[\u4e00-\u9fff]$/

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join(dir, f))
}

/** How many of the files hold each pair of adjacent ideographs. */
export function pairCounts(files: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const file of files) {
    const chars = [...normalizeText(readFileSync(file, 'utf8'))]
    const seen = new Set<string>()
    for (let i = 0; i + 1 < chars.length; i++)
      if (HAN.test(chars[i]!) && HAN.test(chars[i + 1]!)) seen.add(chars[i]! + chars[i + 1]!)
    for (const p of seen) counts.set(p, (counts.get(p) ?? 0) + 1)
  }
  return counts
}

function main(): void {
  const [dir, n = '256'] = process.argv.slice(2)
  if (!dir) {
    console.error('Usage: npx tsx bench/common-pairs.ts <corpus folder> [count]')
    process.exit(2)
  }
  const files = markdownFiles(dir)
  const counts = pairCounts(files)
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, Number(n))
  const lines: string[] = []
  for (let i = 0; i < top.length; i += 16)
    lines.push(
      `  '${top
        .slice(i, i + 16)
        .map(([p]) => p)
        .join(' ')}',`,
    )
  const last = top[top.length - 1]!
  writeFileSync(
    'src-main/text/common-pairs.ts',
    `// Made by bench/common-pairs.ts: the ${top.length} pairs of adjacent ideographs that the most
// of the shared news corpus's ${files.length} articles hold (folded as the index folds; the last
// is in ${last[1]}), most common first. The index keeps each as a token of its own
// (native/lectern_tokens.c, "Common pairs"). Do not edit by hand: an archive searches by pairs
// only when its index was written with this very list (db/common-pairs.ts).
export const COMMON_PAIRS: readonly string[] = [
${lines.join('\n')}
]
  .join(' ')
  .split(' ')
`,
  )
  console.log(`${top.length} pairs, the last in ${last[1]} of ${files.length} articles`)
}

main()
