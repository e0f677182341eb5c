import { describe, it, expect } from 'vitest'
import { parseArticle } from './parse'
import type { ParsedArticle } from './types'
import { describeEn } from '../shared/messages-en'
import type { ImportWarning } from '../shared/problems'

const QQ_FILE = `---
title: "宠物食品+宠物经济，这家公司深耕宠物食品赛道"
date: "2026-07-30 16:04:22"
summary: ""
categories:
  - "qq"
lang:
  - "zh-CN"
translations:
  - "zh-CN"
tags:
  - "qq"
menu: ""
thumbnail: "https://inews.gtimg.com/om_ls/Oz6VGNpHpsw6nBowtMZncAACYSb6sa8YTFvbefjx9SO0wAA_870492/0"
lead: ""
comments: false
sidebar: "right"
---



[qq](https://new.qq.com/rain/a/20260730A081G500)
`

const fm = (yaml: string, body = 'Body text.\n'): string => `---\n${yaml}\n---\n${body}`
const parse = (text: string, path = 'news/article.md'): ParsedArticle => parseArticle(text, path)

describe('parseArticle: a corpus file', () => {
  it('reads every field users see', () => {
    const a = parse(QQ_FILE, 'zh-CN/news/qq/20260730A081G500.zh-CN.md')
    expect(a).toEqual({
      title: '宠物食品+宠物经济，这家公司深耕宠物食品赛道',
      date: '2026-07-30T16:04:22',
      summary: null,
      lang: 'zh-CN',
      categories: ['qq'],
      tags: ['qq'],
      thumbnail:
        'https://inews.gtimg.com/om_ls/Oz6VGNpHpsw6nBowtMZncAACYSb6sa8YTFvbefjx9SO0wAA_870492/0',
      sourceUrl: 'https://new.qq.com/rain/a/20260730A081G500',
      sourceName: 'qq',
      author: null,
      markdown: '[qq](https://new.qq.com/rain/a/20260730A081G500)\n',
      frontMatter: expect.objectContaining({ translations: ['zh-CN'], menu: '', comments: false }),
      warnings: [],
    })
  })

  it('reads CRLF text and a leading BOM the same way', () => {
    const crlf = '\uFEFF' + QQ_FILE.replace(/\n/g, '\r\n')
    expect(parse(crlf, 'a.md')).toEqual(parse(QQ_FILE, 'a.md'))
  })
})

describe('parseArticle: title', () => {
  it.each<[string, string, string, string]>([
    ['front matter title', fm('title: "  Padded title  "'), 'a.md', 'Padded title'],
    ['case-insensitive key', fm('Title: Capitalised key'), 'a.md', 'Capitalised key'],
    [
      'escaped quotes',
      fm('title: "Fed says \\"no hurry\\" on cuts"'),
      'a.md',
      'Fed says "no hurry" on cuts',
    ],
    [
      'folded over lines',
      fm('title: >\n  A long title\n  on two lines'),
      'a.md',
      'A long title on two lines',
    ],
    ['number', fm('title: 1984'), 'a.md', '1984'],
    [
      'empty title → first # heading',
      fm('title: ""', 'Intro\n\n# The Heading #\n\n# Second\n'),
      'a.md',
      'The Heading',
    ],
    [
      '# heading wins over an earlier ##',
      fm('title: ""', '## Key points\n\n# Real title\n'),
      'a.md',
      'Real title',
    ],
    [
      '## heading when there is no #',
      fm('title: ""', '## Only level two\n'),
      'a.md',
      'Only level two',
    ],
    ['headings in code are not titles', '```\n# comment\n```\n\n# Title\n', 'a.md', 'Title'],
    ['no front matter, heading', '# 标题在正文\n\n正文。', 'a.md', '标题在正文'],
    ['file name, language suffix removed', fm('title: ""'), 'zh-CN/news/qq/abc.zh-CN.md', 'abc'],
    ['file name .en.md', fm('title: ""'), 'en/news/x/68238e31-a3fe.en.md', '68238e31-a3fe'],
    ['file name .markdown', 'Just text.', 'posts/my-post.markdown', 'my-post'],
    ['Windows path', 'Just text.', 'posts\\my-post.md', 'my-post'],
  ])('%s', (_label, text, path, title) => {
    expect(parse(text, path).title).toBe(title)
  })
})

describe('parseArticle: date', () => {
  it.each<[string, string, string, string | null, ImportWarning[]]>([
    ['date', fm('date: "2026-07-30 16:04:22"'), 'a.md', '2026-07-30T16:04:22', []],
    ['unquoted YAML date', fm('date: 2025-02-13'), 'a.md', '2025-02-13', []],
    ['RFC 1123', fm('date: "Fri, 21 Aug 2026 14:03:00 GMT"'), 'a.md', '2026-08-21T14:03:00Z', []],
    ['Date key capitalised', fm('Date: 2018/6/7'), 'a.md', '2018-06-07', []],
    [
      'published',
      fm('published: 2025-02-13T19:47:22+08:00'),
      'a.md',
      '2025-02-13T19:47:22+08:00',
      [],
    ],
    [
      'pubDate',
      fm('pubDate: "Thu, 13 Feb 2025 19:47:22 +0800"'),
      'a.md',
      '2025-02-13T19:47:22+08:00',
      [],
    ],
    ['created', fm('created: 2025年2月13日'), 'a.md', '2025-02-13', []],
    ['publishDate', fm('publishDate: 1739447242'), 'a.md', '2025-02-13T11:47:22Z', []],
    [
      'empty date falls through to published',
      fm('date: ""\npublished: 2025-02-13'),
      'a.md',
      '2025-02-13',
      [],
    ],
    ['from the path', fm('title: x'), 'blog/2025/02/13/x.md', '2025-02-13', []],
    ['from the file name', fm('date: ""'), 'posts/2025-02-13-x.md', '2025-02-13', []],
    [
      'none anywhere',
      fm('date: ""'),
      'en/news/cna/entitynode6333346en.en.md',
      null,
      [{ code: 'unknown-date' }],
    ],
    ['no front matter at all', 'Just text.', 'a.md', null, [{ code: 'unknown-date' }]],
    [
      'not understood',
      fm('date: xyz'),
      'a.md',
      null,
      [{ code: 'date-not-understood', params: { value: 'xyz' } }],
    ],
    [
      'impossible',
      fm('date: 2025-02-30'),
      'a.md',
      null,
      [{ code: 'date-not-understood', params: { value: '2025-02-30' } }],
    ],
    [
      'not understood, path used',
      fm('date: soon'),
      'posts/2025-02-13-x.md',
      '2025-02-13',
      [{ code: 'date-not-understood', params: { value: 'soon', fromPath: '2025-02-13' } }],
    ],
  ])('%s', (_label, text, path, date, warnings) => {
    const a = parse(text, path)
    expect(a.date).toBe(date)
    expect(a.warnings).toEqual(warnings)
  })

  it('words the warnings for the CLI in English', () => {
    expect(parse('Just text.', 'a.md').warnings.map(describeEn)).toEqual(['unknown date'])
    expect(parse(fm('date: soon'), 'posts/2025-02-13-x.md').warnings.map(describeEn)).toEqual([
      'date "soon" not understood, used 2025-02-13 from the file path',
    ])
  })
})

describe('parseArticle: lists', () => {
  it.each<[string, string, string[], string[]]>([
    ['block lists', 'tags:\n  - "qq"\ncategories:\n  - "news"', ['qq'], ['news']],
    ['flow lists', 'tags: ["qq"]\ncategories: [news, tech]', ['qq'], ['news', 'tech']],
    [
      'comma-separated strings',
      'tags: "AI, chips ,  , Nvidia"\ncategories: news',
      ['AI', 'chips', 'Nvidia'],
      ['news'],
    ],
    ['Chinese commas', 'tags: 科技，芯片、英伟达', ['科技', '芯片', '英伟达'], []],
    [
      'case merge keeps first spelling',
      'tags: [Nvidia, NVIDIA, nvidia, AMD]',
      ['Nvidia', 'AMD'],
      [],
    ],
    ['numbers become text, empties dropped', 'tags: [2025, "", null, " q3 "]', ['2025', 'q3'], []],
    ['singular keys', 'tag: solo\ncategory: one', ['solo'], ['one']],
    ['Tags capitalised', 'Tags: [x]\nCategories: [y]', ['x'], ['y']],
    ['none', 'title: t', [], []],
  ])('%s', (_label, yaml, tags, categories) => {
    const a = parse(fm(yaml))
    expect(a.tags).toEqual(tags)
    expect(a.categories).toEqual(categories)
  })
})

describe('parseArticle: other fields', () => {
  it.each<[string, string, Partial<ParsedArticle>]>([
    ['lang as a list', 'lang:\n  - "zh-CN"\n  - "en"', { lang: 'zh-CN' }],
    ['lang as a string', 'lang: en', { lang: 'en' }],
    ['lang skips empty items', 'lang: ["", "zh-HK"]', { lang: 'zh-HK' }],
    ['language with underscore', 'language: zh_TW', { lang: 'zh-TW' }],
    ['no lang', 'title: t', { lang: null }],
    ['summary', 'summary: "  A summary. "', { summary: 'A summary.' }],
    ['empty summary', 'summary: ""', { summary: null }],
    ['description', 'description: Described', { summary: 'Described' }],
    [
      'excerpt after empty summary',
      'summary: ""\nexcerpt: From excerpt',
      { summary: 'From excerpt' },
    ],
    ['thumbnail', 'thumbnail: "https://img/x.jpg"', { thumbnail: 'https://img/x.jpg' }],
    ['empty thumbnail', 'thumbnail: ""', { thumbnail: null }],
    ['image', 'image: /img/a.png', { thumbnail: '/img/a.png' }],
    [
      'featured_image after empty thumbnail',
      'thumbnail: ""\nfeatured_image: b.png',
      { thumbnail: 'b.png' },
    ],
    ['cover object (PaperMod)', 'cover:\n  image: c.png\n  alt: C', { thumbnail: 'c.png' }],
    ['author', 'author: Jane Doe', { author: 'Jane Doe' }],
    ['authors list', 'authors: [Jane Doe, John Roe]', { author: 'Jane Doe, John Roe' }],
    [
      'author objects',
      'author:\n  - name: 张三\n    email: z@x\n  - name: 李四',
      { author: '张三, 李四' },
    ],
    ['author object', 'author: {name: Reuters Staff}', { author: 'Reuters Staff' }],
    ['no author', 'title: t', { author: null }],
  ])('%s', (_label, yaml, expected) => {
    expect(parse(fm(yaml))).toMatchObject(expected)
  })

  it('keeps every front matter key, unknown ones too', () => {
    const a = parse(fm('title: t\nweird_key: [1, {a: b}]\nWidgets: [search]'))
    expect(a.frontMatter).toEqual({ title: 't', weird_key: [1, { a: 'b' }], Widgets: ['search'] })
  })
})

describe('parseArticle: source', () => {
  it.each<[string, string, string, string | null, string | null]>([
    [
      'last-line link',
      'title: t',
      'Text.\n\n[qq](https://new.qq.com/rain/a/1)\n',
      'https://new.qq.com/rain/a/1',
      'qq',
    ],
    [
      'link with spaces around and trailing blank lines',
      'title: t',
      'Text.\n\n  [The telegraph](https://www.telegraph.co.uk/x)  \n\n\n',
      'https://www.telegraph.co.uk/x',
      'The telegraph',
    ],
    [
      'empty link text → host',
      'title: t',
      'Text.\n[](https://www.apnews.com/article/x)',
      'https://www.apnews.com/article/x',
      'apnews.com',
    ],
    [
      'URL with parentheses',
      'title: t',
      '[wiki](https://en.wikipedia.org/wiki/Mercury_(planet))',
      'https://en.wikipedia.org/wiki/Mercury_(planet)',
      'wiki',
    ],
    [
      'body is only the source link',
      'title: ""',
      '[apnews](https://apnews.com/a)',
      'https://apnews.com/a',
      'apnews',
    ],
    [
      'link inside a sentence is not a source',
      'title: t',
      'Read [this](https://x.com/a) too.',
      null,
      null,
    ],
    [
      'link not on the last line',
      'title: t',
      '[qq](https://new.qq.com/a)\n\nMore text.',
      null,
      null,
    ],
    ['non-http link', 'title: t', '[mail](mailto:a@b.c)', null, null],
    [
      'source key URL',
      'source: https://www.reuters.com/world/x',
      'Text.',
      'https://www.reuters.com/world/x',
      'reuters.com',
    ],
    ['link key', 'link: "https://example.org/p"', 'Text.', 'https://example.org/p', 'example.org'],
    [
      'source_url key',
      'source_url: https://www.ft.com/content/1',
      'Text.',
      'https://www.ft.com/content/1',
      'ft.com',
    ],
    ['url key', 'url: https://site.com/a', 'Text.', 'https://site.com/a', 'site.com'],
    [
      'source name plus url',
      'source: Reuters\nurl: https://www.reuters.com/x',
      'Text.',
      'https://www.reuters.com/x',
      'Reuters',
    ],
    ['source name only', 'source: 新华社', 'Text.', null, '新华社'],
    ['relative url is not a source', 'url: /posts/a/', 'Text.', null, null],
    [
      'body link beats front matter',
      'source: https://a.com/x',
      '[b](https://b.com/y)',
      'https://b.com/y',
      'b',
    ],
  ])('%s', (_label, yaml, body, sourceUrl, sourceName) => {
    const a = parse(fm(yaml, body))
    expect(a.sourceUrl).toBe(sourceUrl)
    expect(a.sourceName).toBe(sourceName)
    expect(a.markdown).toBe(body) // the source line stays readable in the article
  })
})

describe('parseArticle: broken front matter', () => {
  it('keeps the text searchable and still finds the title and date it can', () => {
    const text = '---\ntitle: "He said "hi" to me"\ndate: 2025-02-13\n---\nThe body.\n'
    const a = parse(text)
    expect(a.markdown).toBe(text)
    expect(a.title).toBe('He said "hi" to me')
    expect(a.date).toBe('2025-02-13')
    expect(a.warnings).toHaveLength(1)
    expect(describeEn(a.warnings[0]!)).toMatch(
      /^front matter: invalid YAML \(line 2\): .* — imported as body$/,
    )
  })

  it('never throws on odd input', () => {
    for (const text of ['', '---', '---\n', '+++', '{', '{"a":', '---\n: :\n---', '\u0000', '# ']) {
      expect(() => parse(text)).not.toThrow()
      expect(parse(text).title).not.toBe('')
    }
  })
})
