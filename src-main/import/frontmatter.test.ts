import { describe, it, expect } from 'vitest'
import { splitFrontMatter } from './frontmatter'
import { describeEn } from '../shared/messages-en'

// The shape every file in the news corpus has (Hugo, written by a scraper).
const CORPUS_FILE = `---
title: "宠物食品+宠物经济，这家公司深耕宠物食品赛道"
date: "2026-07-30 16:04:22"
summary: ""
categories:
  - "qq"
lang:
  - "zh-CN"
tags:
  - "qq"
thumbnail: "https://inews.gtimg.com/om_ls/Oz6VGNpHpsw6nBowtMZncAACYSb6sa8YTFvbefjx9SO0wAA_870492/0"
comments: false
widgets:
  - "search"
  - "recent"
---



[qq](https://new.qq.com/rain/a/20260730A081G500)
`

describe('splitFrontMatter: forms', () => {
  it('reads YAML with block lists, keeping every key', () => {
    const fm = splitFrontMatter(CORPUS_FILE)
    expect(fm.format).toBe('yaml')
    expect(fm.warnings).toEqual([])
    expect(fm.data).toEqual({
      title: '宠物食品+宠物经济，这家公司深耕宠物食品赛道',
      date: '2026-07-30 16:04:22',
      summary: '',
      categories: ['qq'],
      lang: ['zh-CN'],
      tags: ['qq'],
      thumbnail:
        'https://inews.gtimg.com/om_ls/Oz6VGNpHpsw6nBowtMZncAACYSb6sa8YTFvbefjx9SO0wAA_870492/0',
      comments: false,
      widgets: ['search', 'recent'],
    })
    expect(fm.body).toBe('[qq](https://new.qq.com/rain/a/20260730A081G500)\n')
  })

  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'YAML flow lists and escaped quotes',
      '---\ntitle: "He said \\"no\\" twice"\ntags: ["qq", "news"]\n---\nBody\n',
      { title: 'He said "no" twice', tags: ['qq', 'news'] },
      'Body\n',
    ],
    ['YAML closed with ...', '---\ntitle: Dots\n...\nBody\n', { title: 'Dots' }, 'Body\n'],
    [
      'YAML with trailing spaces on the fences',
      '---  \ntitle: Spaces\n---\t\nBody\n',
      { title: 'Spaces' },
      'Body\n',
    ],
    [
      'YAML with an unquoted date (kept as text)',
      '---\ndate: 2025-02-13\n---\nBody',
      { date: '2025-02-13' },
      'Body',
    ],
    [
      'YAML with a repeated key (last wins rather than failing)',
      '---\ntitle: First\ntitle: Second\n---\nBody',
      { title: 'Second' },
      'Body',
    ],
    ['empty YAML block', '---\n---\nBody', {}, 'Body'],
    [
      'TOML between +++',
      '+++\ntitle = "Hugo TOML"\ndate = 2025-02-13T19:47:22+08:00\ntags = ["a", "b"]\n+++\n\nBody\n',
      { title: 'Hugo TOML', date: '2025-02-13T19:47:22+08:00', tags: ['a', 'b'] },
      'Body\n',
    ],
    [
      'TOML local date becomes ISO text',
      '+++\ndate = 2018-06-07\n+++\nBody',
      { date: '2018-06-07' },
      'Body',
    ],
    [
      'JSON object (Hugo style)',
      '{\n  "title": "JSON {braces} in \\"strings\\"",\n  "tags": ["x"]\n}\n\nBody with } brace\n',
      { title: 'JSON {braces} in "strings"', tags: ['x'] },
      'Body with } brace\n',
    ],
  ])('%s', (_label, input, data, body) => {
    const fm = splitFrontMatter(input)
    expect(fm.warnings).toEqual([])
    expect(fm.data).toEqual(data)
    expect(fm.body).toBe(body)
  })

  it.each([
    ['plain Markdown', '# Heading\n\nText\n'],
    ['a thematic break first, then prose', '---\n\nJust a paragraph after a rule.\n'],
    ['Liquid/Hugo template braces', '{{< youtube abc >}}\n\nText\n'],
    ['--- not on the first line', '\n---\ntitle: x\n---\nText'],
  ])('leaves %s alone', (_label, input) => {
    expect(splitFrontMatter(input)).toEqual({ data: {}, body: input, format: null, warnings: [] })
  })
})

describe('splitFrontMatter: the body keeps its own --- lines', () => {
  it('stops at the first closing fence; later rules and setext headings stay in the body', () => {
    const body = 'Setext heading\n---\n\nParagraph.\n\n---\n\nAfter a rule.\n\n***\n'
    const fm = splitFrontMatter(`---\ntitle: Rules\n---\n${body}`)
    expect(fm.data).toEqual({ title: 'Rules' })
    expect(fm.body).toBe(body)
  })

  it('keeps a body that is only the source link', () => {
    const fm = splitFrontMatter('---\ntitle: ""\n---\n[apnews](https://apnews.com/article/x)')
    expect(fm.body).toBe('[apnews](https://apnews.com/article/x)')
    expect(fm.data).toEqual({ title: '' })
  })

  it('gives an empty body when there is nothing after the front matter', () => {
    expect(splitFrontMatter('---\ntitle: Only\n---').body).toBe('')
    expect(splitFrontMatter('---\ntitle: Only\n---\n').body).toBe('')
  })
})

describe('splitFrontMatter: broken front matter never throws and loses no text', () => {
  it.each<[string, string, string, Record<string, unknown>]>([
    [
      'unescaped quotes in a YAML title',
      '---\ntitle: "He said "hi" to me"\ndate: 2025-02-13\n---\nBody text\n',
      'front matter: invalid YAML (line 2): ',
      { title: 'He said "hi" to me', date: '2025-02-13' },
    ],
    [
      'bad indentation',
      '---\ntitle: Fine\n  oops: nested\ndate: "2025-02-13"\n---\nBody text\n',
      // The parser blames the key the stray indented line would have nested under.
      'front matter: invalid YAML (line 2): ',
      { title: 'Fine', date: '2025-02-13' },
    ],
    [
      'an unclosed flow list',
      '---\ntitle: Lists\ntags: [a, b\n---\nBody text\n',
      'front matter: invalid YAML',
      { title: 'Lists' },
    ],
    [
      'invalid TOML',
      '+++\ntitle = \n+++\nBody text\n',
      'front matter: invalid TOML (line 2): ',
      {},
    ],
    ['invalid JSON', '{\n  "title": "x",\n}\nBody text\n', 'front matter: invalid JSON: ', {}],
    [
      'a YAML list instead of a mapping',
      '---\n- one\n- two\n---\nBody text\n',
      'front matter: expected key: value pairs, got a list',
      {},
    ],
    [
      'a YAML string instead of a mapping',
      '---\njust words\n---\nBody text\n',
      'front matter: expected key: value pairs, got a string',
      {},
    ],
    [
      'no closing fence',
      '---\ntitle: Never closed\n\nBody text\n',
      'front matter: no closing fence',
      {},
    ],
  ])('%s', (_label, input, warning, salvaged) => {
    const fm = splitFrontMatter(input)
    expect(fm.body).toBe(input)
    expect(fm.warnings).toHaveLength(1)
    expect(describeEn(fm.warnings[0]!)).toContain(warning)
    expect(describeEn(fm.warnings[0]!)).toMatch(/imported as body$/)
    expect(fm.data).toEqual(salvaged)
  })
})

describe('splitFrontMatter: data is safe to store as JSON', () => {
  it('keeps `__proto__` as a plain key and resolves aliases', () => {
    const fm = splitFrontMatter(
      '---\n__proto__: {polluted: true}\nbase: &b [1, 2]\ncopy: *b\n---\n',
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(JSON.stringify(fm.data)).toBe(
      '{"__proto__":{"polluted":true},"base":[1,2],"copy":[1,2]}',
    )
  })

  it('survives a self-referencing alias', () => {
    const fm = splitFrontMatter('---\na: &x\n  self: *x\n---\n')
    expect(() => JSON.stringify(fm.data)).not.toThrow()
  })
})
