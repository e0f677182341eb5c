import { afterAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import YAML from 'yaml'
import { readSimpleYaml } from './simple-yaml'
import { jsonSafe } from './frontmatter'
import { generateCorpus } from '../../bench/generate'

// The fast path must say exactly what the yaml library says (values and key order), or decline.
const library = (source: string): unknown => {
  const doc = YAML.parseDocument(source, { uniqueKeys: false })
  return doc.errors.length ? 'error' : doc.toJS({ maxAliasCount: 1000 })
}

/** 'declined', or the fast path's reading after checking it against the library's. */
function agree(source: string): 'declined' | 'same' {
  const fast = readSimpleYaml(source)
  if (fast === undefined) return 'declined'
  const lib = library(source)
  expect(JSON.stringify(fast), JSON.stringify(source)).toBe(JSON.stringify(lib))
  expect(Object.keys(fast)).toEqual(Object.keys(lib as object))
  // JSON-safe as it is: splitFrontMatter keeps it without jsonSafe's copy
  expect(jsonSafe(fast)).toStrictEqual(fast)
  return 'same'
}

describe('readSimpleYaml', () => {
  it.each([
    ['title: "恒大清盘"\ndate: "2025-02-13 08:00:00"', 'same'],
    ['title: Rates fell\ndraft: false\ntoc: true\nweight: 10\nlead: ""', 'same'],
    ['tags:\n  - "地产"\n  - economy\ncategories:\n- qq\nlang:\n', 'same'],
    ['tags:\n\n  - a\n\n  - b\nx: 1', 'same'],
    ['a: 1\nb: 2\na: 3', 'same'], // the last repeat wins, in the first one's place
    ['a: Null\nb: FALSE\nc: True\nd: 0\ne: []', 'same'],
    ['a: \'it\'\'s\'\nb: "say \\"hi\\" \\\\ \\/ \\n\\t"', 'same'],
    ['date: 2023-08-31 01:53:24\nyes: no\non: off', 'same'], // 1.2: dates and yes/no stay text
    ['a: 2024年 新闻 [直播]\nb: x:y', 'same'],
    ['a: 1_000\nc: 12 apples\nd: 3:30', 'same'],
    // declined: left to the library
    ['a: 0123', 'declined'],
    ['a: 1.5', 'declined'],
    ['a: 0x1F', 'declined'],
    ['a: 1e3', 'declined'],
    ['a: 2025-02-13', 'declined'],
    ['a: -1', 'declined'],
    ['a: .inf', 'declined'],
    ['a: ~', 'declined'],
    ['a: b # comment', 'declined'],
    ['a: x\n  continued', 'declined'],
    ['a:\n  b: nested', 'declined'],
    ['a:\n  - x\n    - y', 'declined'],
    ['a:\n  - x\n - y', 'declined'],
    ['a:\n  -\n  - y', 'declined'],
    ['a: "unclosed\n  line"', 'declined'],
    ['a: "\\x41"', 'declined'],
    ['a: "quoted" after', 'declined'],
    ['a: "two" "quotes"', 'declined'],
    ['a: "', 'declined'],
    ["a: 'it's'", 'declined'],
    ['a: [x, y]', 'declined'],
    ['a: &x 1\nb: *x', 'declined'],
    ['a: !!str 1', 'declined'],
    ['a: |\n  block', 'declined'],
    ['true: 1', 'declined'],
    ['__proto__: x', 'declined'],
    ['a : spaced', 'declined'],
    ['a:\tb', 'declined'],
    ['# comment\na: 1', 'declined'],
    ['', 'declined'],
  ])('%j is %s', (source, expected) => {
    expect(agree(source)).toBe(expected)
  })
})

/** The YAML front matter blocks of every Markdown file under a folder. */
function blocks(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8').replace(/\r\n?/g, '\n'))
    .map((text) => /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1])
    .filter((b) => b !== undefined)
}

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/news')
const generated = mkdtempSync(path.join(tmpdir(), 'lectern-yaml-'))
afterAll(() => rmSync(generated, { recursive: true, force: true }))

describe('readSimpleYaml over whole corpora', () => {
  it.runIf(existsSync(CORPUS))('agrees with the library on every real news file', () => {
    const all = blocks(CORPUS)
    const fast = all.filter((b) => agree(b) === 'same').length
    expect(all.length).toBeGreaterThan(2000)
    expect(fast / all.length).toBeGreaterThan(0.9)
  })

  it('agrees with the library on every generated file (all the benchmark front matter)', async () => {
    await generateCorpus(generated, 600)
    const all = blocks(generated)
    const fast = all.filter((b) => agree(b) === 'same').length
    expect(all.length).toBeGreaterThan(400)
    expect(fast / all.length).toBeGreaterThan(0.9)
  })
})
