import { describe, expect, test } from 'vitest'
import { parseQuery } from '../shared/query'
import { findMatches, hitSnippet, makeSnippet, markTerms as markAll } from './snippet'
import { warmSearchText } from './search'
import { plainText as stripMarkdown } from '../text/plain'
import { markedHtml } from '../shared/marked-text'

// Snippets travel as text and mark ranges; printed as HTML here, as the CLI's JSON prints them,
// so each row shows both at once.
const snippet = (text: string, query: string, max?: number) =>
  markedHtml(makeSnippet(text, parseQuery(query), max))
const markTerms = (text: string, q: ReturnType<typeof parseQuery>) => markedHtml(markAll(text, q))

describe('makeSnippet', () => {
  test.each([
    ['CJK substring', '央行宣布降息0.25个百分点', '降息', '央行宣布<mark>降息</mark>0.25个百分点'],
    ['one character', '央行宣布降息', '降', '央行宣布<mark>降</mark>息'],
    [
      'Traditional text, Simplified query',
      '蘋果公司發表新產品',
      '苹果',
      '<mark>蘋果</mark>公司發表新產品',
    ],
    ['Simplified text, Traditional query', '台湾地区选举', '臺灣', '<mark>台湾</mark>地区选举'],
    ['mixed CJK and Latin', '苹果AI手机开售', '苹果AI', '<mark>苹果AI</mark>手机开售'],
    [
      'two terms',
      '苹果公司发布AI新功能',
      '苹果 AI',
      '<mark>苹果</mark>公司发布<mark>AI</mark>新功能',
    ],
    ['kana', '東京タワーの夜景', 'タワー', '東京<mark>タワー</mark>の夜景'],
    ['Hangul', '한국어 뉴스 서비스', '뉴스', '한국어 <mark>뉴스</mark> 서비스'],
    ['diacritics', 'Café culture', 'cafe', '<mark>Café</mark> culture'],
    ['full-width', 'ＡＩ時代來了', 'ai', '<mark>ＡＩ</mark>時代來了'],
    ['ligature', 'ﬁnance news', 'finance', '<mark>ﬁnance</mark> news'],
    ['stemmed', 'The election was close.', 'elections', 'The <mark>election</mark> was close.'],
    // the index's Porter stemmer finds these; so the marks must show them
    [
      'Porter: generalization finds generalize',
      'We generalize from this.',
      'generalization',
      'We <mark>generalize</mark> from this.',
    ],
    [
      'Porter: organize finds organization',
      'The organization said no.',
      'organize',
      'The <mark>organization</mark> said no.',
    ],
    [
      'Porter prefix: elections* finds electricity',
      'Electricity prices rose',
      'elections*',
      '<mark>Electricity</mark> prices rose',
    ],
    [
      'stemmed the other way',
      'Two elections were held.',
      'election',
      'Two <mark>elections</mark> were held.',
    ],
    ['prefix', 'Electricity prices rose', 'elect*', '<mark>Electricity</mark> prices rose'],
    ['case', 'BREAKING news', 'breaking', '<mark>BREAKING</mark> news'],
    [
      'phrase',
      'Machine learning is fun',
      '"machine learning"',
      '<mark>Machine learning</mark> is fun',
    ],
    [
      'phrase words apart are not marked',
      'learning about machine',
      '"machine learning"',
      'learning about machine',
    ],
    ['OR marks both', '降息与降价', '降息 OR 降价', '<mark>降息</mark>与<mark>降价</mark>'],
    [
      'excluded terms are not marked',
      'apple and banana',
      'apple -banana',
      '<mark>apple</mark> and banana',
    ],
    [
      'title: terms are not marked in the body',
      'apple and banana',
      'title:banana apple',
      '<mark>apple</mark> and banana',
    ],
    [
      'escaping',
      'if a < b && c > d then AI',
      'ai',
      'if a &lt; b &amp;&amp; c &gt; d then <mark>AI</mark>',
    ],
    ['escaping inside a mark', 'AT&T deal', 'at&t', '<mark>AT&amp;T</mark> deal'],
    ['emoji around a match', '😀阿里😀', '阿里', '😀<mark>阿里</mark>😀'],
    ['astral ideographs', '𠮷野家の牛丼', '野家', '𠮷<mark>野家</mark>の牛丼'],
    ['not inside a longer word', 'Tailwind and AI', 'ai', 'Tailwind and <mark>AI</mark>'],
    ['no match: start of text', 'Nothing to see here', 'zebra', 'Nothing to see here'],
    ['empty query', 'Nothing to see here', '', 'Nothing to see here'],
    ['only punctuation', 'Nothing to see here', '!!!', 'Nothing to see here'],
    ['empty text', '', 'ai', ''],
  ])('%s', (_name, text, query, expected) => {
    expect(snippet(text, query)).toBe(expected)
  })

  test('Markdown syntax is stripped', () => {
    const md = [
      '# 标题',
      '',
      '**阿里巴巴**发布了[新模型](https://example.com/a_b?x=1)。![图](https://img/阿里.png)',
      '',
      '> 引用 <b>重要</b>的<br>内容',
      '',
      '- item *one* and `code`',
    ].join('\n')
    expect(snippet(md, '阿里')).toBe(
      // blocks and captions are lines of their own, shown as spaces
      '标题 <mark>阿里</mark>巴巴发布了新模型。 图 引用 重要的 内容 item one and code',
    )
  })

  test('a line break inside Chinese text adds no space', () => {
    expect(snippet('中文\n继续', '文继')).toBe('中<mark>文继</mark>续')
    expect(snippet('English\ntext', 'english')).toBe('<mark>English</mark> text')
  })

  const long = (s: string, n: number) => Array.from({ length: n }, (_, i) => `${s}${i}`).join(' ')

  test('cuts long text around the match, with … at the cut ends', () => {
    const text = `${long('before', 60)} the election result ${long('after', 60)}`
    const out = snippet(text, 'election')
    expect(out.startsWith('…')).toBe(true)
    expect(out.endsWith('…')).toBe(true)
    expect(out).toContain('<mark>election</mark>')
    const visible = out.replace(/<\/?mark>/g, '').replace(/…/g, '')
    expect(visible.length).toBeLessThanOrEqual(160)
    expect(visible.length).toBeGreaterThan(120)
    // words are not cut in half
    expect(visible.trim().split(' ')[0]).toMatch(/^before\d+$/)
    expect(visible.trim().split(' ').at(-1)).toMatch(/^after\d+$/)
  })

  test('cuts Chinese text anywhere, keeping the match', () => {
    const text = '前'.repeat(300) + '降息' + '后'.repeat(300)
    const out = snippet(text, '降息', 50)
    expect(out).toMatch(/^…前+<mark>降息<\/mark>后+…$/)
    expect(out.replace(/<\/?mark>|…/g, '')).toHaveLength(50)
  })

  test('no match in long text: the start, cut at a word', () => {
    const out = snippet(long('word', 100), 'zebra')
    expect(out.startsWith('word0 word1 ')).toBe(true)
    expect(out).toMatch(/word\d+…$/)
  })

  test('prefers the passage where all the terms meet', () => {
    const text = `apple ${long('x', 40)} banana ${long('y', 40)} apple and banana together ${long('z', 40)}`
    expect(snippet(text, 'apple banana', 60)).toContain(
      '<mark>apple</mark> and <mark>banana</mark> together',
    )
  })

  test('the marks point into the text, past a leading …', () => {
    const text = `${long('before', 60)} the election result`
    const s = makeSnippet(text, parseQuery('election'))
    expect(s.text.startsWith('…')).toBe(true)
    expect(s.marks.map(([a, b]) => s.text.slice(a, b))).toEqual(['election'])
  })

  test('never splits a surrogate pair', () => {
    const text = '😀'.repeat(200)
    const out = snippet(text, 'zebra', 51)
    expect(out).toBe('😀'.repeat(25) + '…')
  })
})

describe('markTerms and findMatches', () => {
  test('marks every match in the whole text', () => {
    expect(markTerms('降息、降息 & 降价', parseQuery('降息'))).toBe(
      '<mark>降息</mark>、<mark>降息</mark> &amp; 降价',
    )
  })

  test('ranges point into the original text', () => {
    const text = '蘋果 and ＡＩ'
    const ranges = findMatches(text, parseQuery('苹果 ai'))
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['蘋果', 'ＡＩ'])
  })

  // the same rule as the index (toIndexText's break token), so a mark is never a match the
  // index would not make
  test.each([
    ['……的时，公司……', '时公', '……的时，公司……'],
    ['……的时，公司……', '时，公', '……的<mark>时，公</mark>司……'],
    ['2025年。全年', '年全', '2025年。全年'],
    ['2025年。全年', '全年', '2025年。<mark>全年</mark>'],
    ['阿里巴巴发布', '阿里', '<mark>阿里</mark>巴巴发布'],
    ['第一段\n第二段', '段第', '第一段\n第二段'],
    ['Mr. Smith said', '"mr smith"', '<mark>Mr. Smith</mark> said'],
  ])('a phrase stops where the index stops it: %j, %j', (text, query, expected) => {
    expect(markTerms(text, parseQuery(query))).toBe(expected)
  })

  test('overlapping matches are merged', () => {
    expect(markTerms('阿里巴巴', parseQuery('阿里巴 里巴巴'))).toBe('<mark>阿里巴巴</mark>')
  })
})

describe('stripMarkdown', () => {
  test.each([
    ['## Heading', 'Heading'],
    ['![alt](x.png) text', 'alt\ntext'],
    ['a <script>window.pwned = 1</script> b <style>p{}</style> c', 'a b c'],
    ['<https://example.com/a> after', 'after'],
    ['[link text](https://a.b/c_(d)) after', 'link text after'],
    ['[ref][1]\n\n[1]: https://a.b', 'ref'],
    ['**bold** __strong__ *em* ~~gone~~ `code`', 'bold strong em gone code'],
    ['snake_case_name', 'snake_case_name'],
    ['<p>para</p><p>two</p>', 'para\ntwo'],
    ['<!-- hidden --> shown', 'shown'],
    ['```js\nconst a = 1\n```', 'const a = 1'],
    ['| a | b |\n|---|---|\n| 1 | 2 |', 'a\nb\n1\n2'],
    ['1. first\n2. second', 'first\nsecond'],
    ['AT&amp;T &lt;tag&gt; &#20013;&#x6587;', 'AT&T <tag> 中文'],
    ['---', ''],
  ])('%j → %j', (md, expected) => {
    expect(stripMarkdown(md)).toBe(expected)
  })
})

describe('warmSearchText', () => {
  // serve and the desktop run it at start, before any search: it must not fail, nor leave
  // anything behind that changes a later snippet
  test('leaves the snippets it warmed up for as they are', () => {
    const md = '# 經濟\n\n央行宣布**降息**，market 回应。'
    warmSearchText()
    expect(markedHtml(hitSnippet(md, parseQuery('降息 market')))).toBe(
      '經濟 央行宣布<mark>降息</mark>，<mark>market</mark> 回应。',
    )
  })
})
