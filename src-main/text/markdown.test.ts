import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { generateArticle, mulberry32 } from '../../bench/generate'
import { CORPUS, hasCorpus } from '../test-support/corpus'
import { lexMarkdown, lexMarkdownSlowly, mayBeSetext, mayBeTable } from './markdown'

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
    'Note: at 08:00, HTTPS://A.B and Ftp://c.d, xmpp:a@b.c/r, mailto:x@y.z; 时间：8:00',
    'a colon: only, and http without its slashes: http:x',
    '# 标题\n\n> 引用\n\n- 一\n- 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```',
    '<div>\nhtml block\n</div>\n\n<script>\nx()\n</script>\n\ntext\r\nwith CRLF\rand CR',
    '[ref][1]\n\n[1]: https://a.b "t"\n\n    indented code\n\n---\n\nSetext\n===',
    '',
  ])('as marked on %j', same)

  test('as marked on generated articles', () => {
    for (let i = 0; i < 300; i++) same(generateArticle(i).text)
  })

  // Lines that make or nearly make setext headings and tables, after text, blank lines of every
  // kind of space (U+3000 indents Chinese paragraphs) and blocks that interrupt a paragraph
  const LINES = [
    '标题',
    'Title text',
    '===',
    '---',
    '  ---',
    '   ==',
    '    ---',
    '\t---',
    '= not',
    '-not',
    '- item',
    '1. one',
    '| a | b |',
    '|---|---|',
    ':--|--:',
    '-|-',
    'a | b',
    '  |:-:|',
    '    | x |',
    '',
    '   ',
    '\u3000',
    '\u00a0',
    '\t',
    ' \u3000 ',
    '> quote',
    '# head',
    '```',
    '***',
    'x\u2028y',
    '<div>',
    '[1]: /u',
  ]
  test('as marked on generated blocks of setext underlines, tables and blank lines', () => {
    const rnd = mulberry32(7)
    const next = (n: number) => Math.floor(rnd() * n)
    for (let i = 0; i < 4000; i++) {
      const lines = Array.from({ length: 2 + next(7) }, () => LINES[next(LINES.length)]!)
      same(lines.join('\n'))
    }
  })

  test('tries setext headings and tables only where one may start', () => {
    expect(mayBeSetext('段落\n第二行\n\n---')).toBe(false)
    expect(mayBeSetext('段落\n\u3000\n===')).toBe(false)
    expect(mayBeSetext('段落\n    ---')).toBe(false)
    expect(mayBeSetext('段落\n第二行\n   ---')).toBe(true)
    expect(mayBeTable('a | b\nc | d')).toBe(false)
    expect(mayBeTable('a | b\n   |--|--|')).toBe(true)
  })

  test.skipIf(!hasCorpus)('as marked on every article of the news corpus', () => {
    for (const f of markdownFiles(CORPUS)) same(readFileSync(f, 'utf8'))
  })
})
