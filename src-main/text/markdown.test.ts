import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { generateArticle } from '../../bench/generate'
import { CORPUS, hasCorpus } from '../test-support/corpus'
import { lexMarkdown, lexMarkdownSlowly } from './markdown'

// lexMarkdown skips marked's inline pass where it cannot find anything; the tokens must be the
// ones marked makes, or the index would read an article differently from the reader.
const same = (md: string) => {
  const fast = lexMarkdown(md)
  const slow = lexMarkdownSlowly(md)
  expect(JSON.stringify(fast), md.slice(0, 80)).toBe(JSON.stringify(slow))
}

function markdownFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...markdownFiles(p))
    else if (/\.(md|markdown)$/i.test(e.name)) out.push(p)
  }
  return out
}

describe('lexMarkdown', () => {
  test.each([
    '中文段落，没有任何标记。\n第二行\n\n第二段',
    'a **b** _c_ `d` ~~e~~ \\* &amp; &#20013; <b>x</b> [l](h) ![i](u) <https://a.b> www.x.com a@b.c',
    'two spaces  \nbreak, and mailto:a@b http://x ftp://y',
    '# 标题\n\n> 引用\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```',
    '<div>\nhtml block\n</div>\n\n<script>\nx()\n</script>\n\ntext\r\nwith CRLF\rand CR',
    '[ref][1]\n\n[1]: https://a.b "t"\n\n    indented code\n\n---\n\nSetext\n===',
    '',
  ])('as marked on %j', same)

  test('as marked on generated articles', () => {
    for (let i = 0; i < 300; i++) same(generateArticle(i).text)
  })

  test.skipIf(!hasCorpus)('as marked on every article of the news corpus', () => {
    for (const f of markdownFiles(CORPUS)) same(readFileSync(f, 'utf8'))
  })
})
