import { describe, expect, test } from 'vitest'
import { parseQuery, type ParsedQuery, type SearchTerm } from './query'

// A compact picture of the parse, so each table row reads like the query it came from:
// `(a OR b) c -d title:"e f" elect* tag=x -lang=en after>=2025-01-01 before<2026-01-01`,
// and of the filter chips the search box shows for it, each with the text it covers:
// `[tag:open source ← tag:“open source”] [-lang:en ← －lang:en]`.
function term(t: SearchTerm): string {
  const text = t.phrase ? `"${t.text}"` : t.text
  return `${t.field ? `${t.field}:` : ''}${text}${t.prefix ? '*' : ''}`
}

function show(q: ParsedQuery): string {
  return [
    ...q.groups.map((g) => (g.length === 1 ? term(g[0]!) : `(${g.map(term).join(' OR ')})`)),
    ...q.exclude.map((t) => `-${term(t)}`),
    ...q.filters.map((f) => `${f.negate ? '-' : ''}${f.field}=${f.value}`),
    ...q.has.map((h) => `${h.negate ? '-' : ''}has=${h.value}`),
    ...q.notes.map((n) => `${n.negate ? '-' : ''}note~${n.text}`),
    ...(q.after ? [`after>=${q.after}`] : []),
    ...(q.before ? [`before<${q.before}`] : []),
    ...q.collections.map((c) => `${c.negate ? '-' : ''}collection=${c.name}`),
    ...q.read.map((r) => (r ? 'read' : 'unread')),
  ].join(' ')
}

function chips(input: string, q: ParsedQuery): string {
  return q.fields
    .map((f) => {
      const typed = input.slice(f.span.start, f.span.end)
      return `[${f.negate ? '-' : ''}${f.field}:${f.value} ← ${typed}]`
    })
    .join(' ')
}

describe('parseQuery', () => {
  test.each([
    // terms and phrases
    ['election', 'election'],
    ['trade war', 'trade war'],
    ['  trade \t war  ', 'trade war'],
    ['"trade war"', '"trade war"'],
    ['“trade war”', '"trade war"'],
    ['＂trade war＂', '"trade war"'],
    ['阿里巴巴 发布', '阿里巴巴 发布'],
    ['苹果AI', '苹果AI'],
    ['ＡＩ', 'AI'],
    // OR
    ['a OR b', '(a OR b)'],
    ['a OR b c', '(a OR b) c'],
    ['a b OR c', 'a (b OR c)'],
    ['a OR b OR c', '(a OR b OR c)'],
    ['"a b" OR c', '("a b" OR c)'],
    ['a or b', 'a or b'],
    ['OR', ''],
    ['OR a', 'a'],
    ['a OR', 'a'],
    ['a OR OR b', '(a OR b)'],
    ['a OR -b c', 'a c -b'],
    ['a OR tag:x b', 'a b tag=x', '[tag:x ← tag:x]'],
    ['a AND b', 'a b'],
    // exclusion
    ['a -b', 'a -b'],
    ['-b', '-b'],
    ['a -"b c"', 'a -"b c"'],
    ['--b', '-b'],
    ['a - b', 'a b'],
    ['e-mail', 'e-mail'],
    // prefix
    ['elect*', 'elect*'],
    ['elect**', 'elect*'],
    ['阿*', '阿'],
    ['苹果ai*', '苹果ai*'],
    ['*', ''],
    ['*elect', '*elect'],
    ['c++*', 'c++'],
    ['-elect*', '-elect*'],
    // title
    ['title:election', 'title:election', '[title:election ← title:election]'],
    ['title:"trade war"', 'title:"trade war"', '[title:trade war ← title:"trade war"]'],
    ['title:"a b"', 'title:"a b"', '[title:a b ← title:"a b"]'],
    ['title:elect*', 'title:elect*', '[title:elect* ← title:elect*]'],
    ['-title:rumour', '-title:rumour', '[-title:rumour ← -title:rumour]'],
    ['Title:a', 'title:a', '[title:a ← Title:a]'],
    ['title:a OR b', '(title:a OR b)', '[title:a ← title:a]'],
    // label filters
    ['tag:economy', 'tag=economy', '[tag:economy ← tag:economy]'],
    [
      'tag:"machine learning" ai',
      'ai tag=machine learning',
      '[tag:machine learning ← tag:"machine learning"]',
    ],
    [
      'tag:"machine learning',
      'tag=machine learning',
      '[tag:machine learning ← tag:"machine learning]',
    ],
    ['-tag:sports', '-tag=sports', '[-tag:sports ← -tag:sports]'],
    [
      '-tag:"machine learning" x',
      'x -tag=machine learning',
      '[-tag:machine learning ← -tag:"machine learning"]',
    ],
    ['title:"rate cut', 'title:"rate cut"', '[title:rate cut ← title:"rate cut]'],
    [
      'category:科技 lang:zh-CN source:new.qq.com',
      'category=科技 lang=zh-CN source=new.qq.com',
      '[category:科技 ← category:科技] [lang:zh-CN ← lang:zh-CN] [source:new.qq.com ← source:new.qq.com]',
    ],
    ['ｔａｇ：ＡＩ', 'tag=AI', '[tag:AI ← ｔａｇ：ＡＩ]'],
    ['tag:“open source” x', 'x tag=open source', '[tag:open source ← tag:“open source”]'],
    ['－tag:x', '-tag=x', '[-tag:x ← －tag:x]'],
    ['－ａ', '-a'],
    ['ｔｉｔｌｅ：＂ａ ｂ＂', 'title:"a b"', '[title:a b ← ｔｉｔｌｅ：＂ａ ｂ＂]'],
    ['tag:café', 'tag=café', '[tag:café ← tag:café]'],
    ['tag:a tag:b', 'tag=a tag=b', '[tag:a ← tag:a] [tag:b ← tag:b]'],
    ['TAG:x', 'tag=x', '[tag:x ← TAG:x]'],
    // dates: after = from the first day of the period on; before = strictly before it
    ['after:2025', 'after>=2025-01-01', '[after:2025 ← after:2025]'],
    ['after:2025-02', 'after>=2025-02-01', '[after:2025-02 ← after:2025-02]'],
    ['after:2025-02-13', 'after>=2025-02-13', '[after:2025-02-13 ← after:2025-02-13]'],
    ['before:2025', 'before<2025-01-01', '[before:2025 ← before:2025]'],
    ['before:2025-02', 'before<2025-02-01', '[before:2025-02 ← before:2025-02]'],
    ['before:2025-02-13', 'before<2025-02-13', '[before:2025-02-13 ← before:2025-02-13]'],
    ['after:2025/2/3', 'after>=2025-02-03', '[after:2025/2/3 ← after:2025/2/3]'],
    ['after:2024-02-29', 'after>=2024-02-29', '[after:2024-02-29 ← after:2024-02-29]'],
    [
      'after:2025 before:2026',
      'after>=2025-01-01 before<2026-01-01',
      '[after:2025 ← after:2025] [before:2026 ← before:2026]',
    ],
    [
      'after:2020 after:2024-06 before:2026 before:2025',
      'after>=2024-06-01 before<2025-01-01',
      '[after:2020 ← after:2020] [after:2024-06 ← after:2024-06] [before:2026 ← before:2026] [before:2025 ← before:2025]',
    ],
    ['-before:2025', 'after>=2025-01-01', '[-before:2025 ← -before:2025]'],
    ['-after:2025', 'before<2025-01-01', '[-after:2025 ← -after:2025]'],
    // the reader's own marks
    [
      '阿里 has:note tag:科技',
      '阿里 tag=科技 has=note',
      '[has:note ← has:note] [tag:科技 ← tag:科技]',
    ],
    ['has:highlight', 'has=highlight', '[has:highlight ← has:highlight]'],
    [
      'HAS:Highlights -has:notes',
      'has=highlight -has=note',
      '[has:Highlights ← HAS:Highlights] [-has:notes ← -has:notes]',
    ],
    ['ｈａｓ：笔记', 'has=note', '[has:笔记 ← ｈａｓ：笔记]'],
    ['note:监管', 'note~监管', '[note:监管 ← note:监管]'],
    [
      'note:"rate cut" -note:Fed a',
      'a note~rate cut -note~Fed',
      '[note:rate cut ← note:"rate cut"] [-note:Fed ← -note:Fed]',
    ],
    ['notes:x', 'notes:x'],
    // collections and reading status (the reader's own)
    [
      'collection:"台风 2026" 风暴',
      '风暴 collection=台风 2026',
      '[collection:台风 2026 ← collection:"台风 2026"]',
    ],
    [
      'collection:“台风 2026”',
      'collection=台风 2026',
      '[collection:台风 2026 ← collection:“台风 2026”]',
    ],
    [
      'ｃｏｌｌｅｃｔｉｏｎ：早报',
      'collection=早报',
      '[collection:早报 ← ｃｏｌｌｅｃｔｉｏｎ：早报]',
    ],
    ['collection:"a  b "', 'collection=a b', '[collection:a  b ← collection:"a  b "]'],
    ['-collection:done', '-collection=done', '[-collection:done ← -collection:done]'],
    [
      'collection:a collection:b',
      'collection=a collection=b',
      '[collection:a ← collection:a] [collection:b ← collection:b]',
    ],
    ['is:read', 'read', '[is:read ← is:read]'],
    ['is:unread tag:x', 'tag=x unread', '[is:unread ← is:unread] [tag:x ← tag:x]'],
    ['IS:Unread', 'unread', '[is:Unread ← IS:Unread]'],
    ['-is:read', 'unread', '[-is:read ← -is:read]'],
    ['-is:unread', 'read', '[-is:unread ← -is:unread]'],
    ['ｉｓ：ｒｅａｄ', 'read', '[is:read ← ｉｓ：ｒｅａｄ]'],
    // unknown fields and stray syntax are plain text
    ['foo:bar', 'foo:bar'],
    ['http://example.com', 'http://example.com'],
    ['12:30', '12:30'],
    ['a:', 'a:'],
    ['NOT x', 'NOT x'],
    ['NEAR(a b)', 'NEAR(a b)'],
    ['(a OR b) c', '((a OR b)) c'], // the parentheses stay part of the words
    ['^a', '^a'],
    ['{col}: x', '{col}: x'],
    ['a"b', 'a"b'],
    ['"abc', '"abc"'],
    ['"', ''],
    ['""', ''],
    ['-', ''],
    ['--', ''],
    ['😀', '😀'],
    ['!!!', '!!!'],
    ['', ''],
    ['   ', ''],
  ])('%j → %s %s', (input, expected, expectedChips = '') => {
    const q = parseQuery(input)
    expect(show(q)).toBe(expected)
    expect(chips(input, q)).toBe(expectedChips)
    expect(q.warnings).toEqual([])
  })

  test.each([
    ['before:abc', 'before:abc'],
    ['after:2025-13', 'after:2025-13'],
    ['after:2025-02-30', 'after:2025-02-30'],
    ['after:2023-02-29', 'after:2023-02-29'],
    ['before:25', 'before:25'],
    ['-before:soon', '-before:soon'],
    ['before:"next week"', 'before:"next week"'],
    ['ｂｅｆｏｒｅ：ａｂｃ', 'ｂｅｆｏｒｅ：ａｂｃ'],
  ])('a bad date %j is ignored with a warning pointing at it', (input, typed) => {
    const query = `ai ${input} b`
    const q = parseQuery(query)
    expect(show(q)).toBe('ai b')
    expect(q.warnings).toHaveLength(1)
    const w = q.warnings[0]!
    expect(w.code).toBe('bad-date')
    expect('span' in w && query.slice(w.span.start, w.span.end)).toBe(typed)
  })

  test.each(['has:links', 'has:"a b"', '-has:x'])(
    'has: with something it cannot have (%j) is ignored with a warning pointing at it',
    (input) => {
      const query = `ai ${input}`
      const q = parseQuery(query)
      expect(show(q)).toBe('ai')
      expect(q.warnings).toMatchObject([{ code: 'bad-has', span: { start: 3, end: query.length } }])
    },
  )

  test.each(['tag:', 'title:', 'lang:""', 'has:', 'note:', 'source:" "', 'before:', 'ｔａｇ：'])(
    'a filter without a value (%j) is ignored with a warning pointing at it',
    (input) => {
      const query = `ai ${input}`
      const q = parseQuery(query)
      expect(show(q)).toBe('ai')
      expect(q.fields).toEqual([])
      expect(q.warnings).toMatchObject([
        { code: 'no-value', span: { start: 3, end: query.length } },
      ])
    },
  )

  test.each(['is:new', 'is:"read later"', '-is:starred'])(
    'a status other than read or unread (%j) is ignored with a warning pointing at it',
    (input) => {
      const query = `ai ${input}`
      const q = parseQuery(query)
      expect(show(q)).toBe('ai')
      expect(q.warnings).toMatchObject([
        { code: 'bad-status', span: { start: 3, end: query.length } },
      ])
    },
  )

  test('a date range that cannot match says so', () => {
    const q = parseQuery('after:2026 before:2025')
    expect(show(q)).toBe('after>=2026-01-01 before<2025-01-01')
    expect(q.warnings).toEqual([
      { code: 'empty-date-range', after: '2026-01-01', before: '2025-01-01' },
    ])
  })

  test('the full shape of a parse, spans pointing into the text as typed', () => {
    const typed = 'title:"rate cut" 降息 OR ｅｌｅｃｔ* －rumour -tag:sports after:2025'
    const q = parseQuery(typed)
    expect(q).toEqual({
      groups: [
        [
          {
            text: 'rate cut',
            phrase: true,
            prefix: false,
            field: 'title',
            span: expect.any(Object),
          },
        ],
        [
          { text: '降息', phrase: false, prefix: false, field: null, span: expect.any(Object) },
          { text: 'elect', phrase: false, prefix: true, field: null, span: expect.any(Object) },
        ],
      ],
      exclude: [
        { text: 'rumour', phrase: false, prefix: false, field: null, span: expect.any(Object) },
      ],
      filters: [{ field: 'tag', value: 'sports', negate: true, span: expect.any(Object) }],
      has: [],
      notes: [],
      fields: [
        { field: 'title', value: 'rate cut', negate: false, span: expect.any(Object) },
        { field: 'tag', value: 'sports', negate: true, span: expect.any(Object) },
        { field: 'after', value: '2025', negate: false, span: expect.any(Object) },
      ],
      after: '2025-01-01',
      before: null,
      collections: [],
      read: [],
      warnings: [],
    })
    const typedOf = (s: { span: { start: number; end: number } }) =>
      typed.slice(s.span.start, s.span.end)
    expect([...q.groups.flat(), ...q.exclude].map(typedOf)).toEqual([
      'title:"rate cut"',
      '降息',
      'ｅｌｅｃｔ*',
      '－rumour',
    ])
    expect(q.fields.map(typedOf)).toEqual(['title:"rate cut"', '-tag:sports', 'after:2025'])
  })

  test('a character with combining marks keeps them, and spans stay on whole characters', () => {
    const typed = 'cafe\u0301 ｘ'
    const q = parseQuery(typed)
    expect(q.groups.flat().map((t) => [t.text, typed.slice(t.span.start, t.span.end)])).toEqual([
      ['café', 'cafe\u0301'],
      ['x', 'ｘ'],
    ])
  })

  test('never throws, whatever is typed', () => {
    const chars = [
      'a',
      '阿',
      ' ',
      '"',
      '-',
      '*',
      ':',
      '(',
      ')',
      'OR',
      'tag:',
      'before:',
      '😀',
      '\ud800',
    ]
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let n = 0; n < 2000; n++) {
      let s = ''
      for (let k = next() % 12; k > 0; k--) s += chars[next() % chars.length]
      expect(() => parseQuery(s)).not.toThrow()
    }
    expect(() => parseQuery(undefined as unknown as string)).not.toThrow()
  })
})
