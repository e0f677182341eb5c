import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { toIndexText } from '../text/normalize'
import { foundPhrases, toFtsMatch } from './fts'
import { parseQuery } from '../shared/query'

const docs: [title: string, body: string][] = [
  ['阿里巴巴发布新模型', '阿里巴巴今天发布了新的大模型。'],
  ['云计算降价', '阿里云宣布全线降价。'],
  ['央行宣布降息', '中国人民银行宣布降息0.25个百分点。'],
  ['文化随笔', '中国的文化源远流长。'],
  ['新品', '苹果AI手机正式开售。'],
  ['发布会', '苹果公司发布AI新功能。'],
  ['Paris', 'Café culture in Paris is changing.'],
  ['Results', 'The election results were announced on Monday.'],
  ['Energy', 'Electricity prices soar across Europe.'],
  ['Regulation', 'The EU passed new AI regulation rules.'],
  ['發表會', '蘋果發表會在臺灣舉行。'],
  ['选举', '台湾地区选举结果公布。'],
  ['東京', '東京タワーの夜景がきれいです。'],
  ['서울', '한국어 뉴스 서비스가 시작되었다.'],
  ['Machines', 'Machine learning is a field of AI. Learning machines are different.'],
  ['财报', '他说的时，公司还没有公布2025年。全年利润\n\n增长了'],
]

const db = new Database(':memory:')
db.exec(
  `CREATE VIRTUAL TABLE fts USING fts5(title, body, tokenize='porter unicode61 remove_diacritics 2')`,
)
const insert = db.prepare('INSERT INTO fts (rowid, title, body) VALUES (?, ?, ?)')
docs.forEach(([title, body], i) => insert.run(i + 1, toIndexText(title), toIndexText(body)))
afterAll(() => db.close())

/** Titles of the documents found, in insertion order, queried the way the service does. */
function search(query: string): string[] {
  const { match, exclude } = toFtsMatch(parseQuery(query))
  const where: string[] = []
  const params: string[] = []
  if (match !== null) {
    where.push('rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)')
    params.push(match)
  }
  if (exclude !== null) {
    where.push('rowid NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)')
    params.push(exclude)
  }
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const sql = `SELECT rowid FROM fts ${cond} ORDER BY rowid`
  const rows = db.prepare(sql).all(...params) as { rowid: number }[]
  return rows.map((r) => docs[r.rowid - 1]![0])
}

describe('search through a real FTS5 table', () => {
  test.each([
    ['阿里', ['阿里巴巴发布新模型', '云计算降价']],
    ['阿里云', ['云计算降价']],
    ['降', ['云计算降价', '央行宣布降息']],
    ['降息', ['央行宣布降息']],
    ['中文', []],
    ['国中', []],
    ['中国', ['央行宣布降息', '文化随笔']],
    ['苹果AI', ['新品']],
    ['苹果 AI', ['新品', '发布会']],
    ['"苹果 AI"', ['新品']],
    ['cafe', ['Paris']],
    ['CAFÉ', ['Paris']],
    ['elections', ['Results']],
    ['elect*', ['Results', 'Energy']],
    ['苹果a*', ['新品']],
    ['"苹果 a"*', []],
    ['title:par*', ['Paris']],
    ['ＡＩ', ['新品', '发布会', 'Regulation', 'Machines']],
    ['蘋果', ['新品', '发布会', '發表會']],
    ['苹果', ['新品', '发布会', '發表會']],
    ['臺灣', ['發表會', '选举']],
    ['台湾', ['發表會', '选举']],
    ['タワー', ['東京']],
    ['东京', ['東京']],
    ['の夜', ['東京']],
    ['국어', ['서울']],
    ['뉴스', ['서울']],
    ['"machine learning"', ['Machines']],
    ['"learning machine"', ['Machines']],
    ['"learning field"', []],
    ['"results announced"', []],
    ['降息 OR 降价', ['云计算降价', '央行宣布降息']],
    ['(降息 OR 降价) 银行', ['央行宣布降息']],
    ['阿里 -阿里云', ['阿里巴巴发布新模型']],
    ['苹果 -"AI手机"', ['发布会', '發表會']],
    ['-苹果 -阿里 -中国 -ai', ['Paris', 'Results', 'Energy', '选举', '東京', '서울', '财报']],
    // a Chinese phrase stops at punctuation and paragraph breaks, not inside a sentence
    ['时公', []],
    ['"时 公"', []],
    ['年全', []],
    ['润增', []],
    ['时，公', ['财报']],
    ['公司还', ['财报']],
    ['2025年', ['财报']],
    ['全年利润', ['财报']],
    ['《全年利润》', ['财报']],
    ['title:阿里', ['阿里巴巴发布新模型']],
    ['title:降 OR title:paris', ['云计算降价', '央行宣布降息', 'Paris']],
    ['阿里 -title:云计算', ['阿里巴巴发布新模型']],
    ['title:"发布会"', ['发布会']],
    ['tag:x', docs.map(([t]) => t)],
    ['-苹果', docs.map(([t]) => t).filter((t) => !['新品', '发布会', '發表會'].includes(t))],
    ['!!! 阿里云', ['云计算降价']],
  ])('%j finds %j', (query, expected) => {
    expect(search(query)).toEqual(expected)
  })

  test('a query with nothing searchable leaves match null for the caller', () => {
    expect(toFtsMatch(parseQuery('!!!'))).toEqual({ match: null, exclude: null })
    expect(toFtsMatch(parseQuery('tag:ai -"..."'))).toEqual({ match: null, exclude: null })
  })

  test.each([
    ['阿里', '"阿 里"', null],
    ['苹果AI', '"苹 果 ai"', null],
    ['苹果 AI', '"苹 果" AND "ai"', null],
    ['elect* title:"rate cut"', '"elect" * AND title : "rate cut"', null],
    ['a OR b -c -title:d', '("a" OR "b") NOT ("c" OR title : "d")', null],
    ['a b -c', '("a" AND "b") NOT "c"', null],
    ['-c -d tag:x', null, '"c" OR "d"'],
    // a quote is punctuation, folded to a space before it could reach FTS5 syntax
    ['a"b', '"a b"', null],
    ['AND OR NOT', '"not"', null],
  ])('%j → MATCH %s, exclude %s', (query, match, exclude) => {
    expect(toFtsMatch(parseQuery(query))).toEqual({ match, exclude })
  })

  test.each([
    ['阿里', null],
    ['阿里 -财报', 1],
    ['阿里 腾讯 -财报 -title:云', 2],
    ['阿里 OR "rate cut" -财报', 2],
    // a left-out word that folds to "not" is a quoted string, not the operator
    ['not -cut', 1],
  ])('%j: %s phrases can be in a hit', (query, n) => {
    expect(foundPhrases(toFtsMatch(parseQuery(query)).match!)).toBe(n)
  })

  const hostile = [
    '"',
    '"abc',
    'abc"',
    '"a" "b',
    '*',
    '**',
    'a*b',
    '(',
    ')',
    '(a',
    'a)',
    'a:',
    ':',
    ':a',
    'AND',
    'OR',
    'NOT',
    'NOT x',
    'x NOT',
    'NEAR(a b)',
    'NEAR/2',
    '-',
    '--',
    '- -',
    '-"',
    '^a',
    '😀',
    '😀*',
    '!!!',
    "''",
    '',
    'a"b',
    'c++',
    'C#',
    '.net',
    '12:30',
    '{col}: x',
    '{title body}: x',
    'title:',
    'title:*',
    'body:x',
    'rowid:1',
    'fts:x',
    'a + b',
    'a AND (b OR',
    '"" OR ""',
    "'; DROP TABLE fts; --",
    '\\',
    '\u0000',
    'x\ud800',
    '\u0301',
    '阿*',
    '*阿',
    '"阿 里"*',
    'title:"',
    '-title:"',
  ]

  test.each(hostile)('hostile input %j never throws and stays quoted', (input) => {
    const { match, exclude } = toFtsMatch(parseQuery(input))
    for (const m of [match, exclude]) {
      if (m === null) continue
      // outside the quoted strings only our own operators remain
      const outside = m.replace(/"(?:[^"]|"")*"/g, 'S')
      expect(outside).toMatch(/^(S|title : S|S \*|[()]| AND | OR )*$/)
    }
    expect(() => search(input)).not.toThrow()
  })
})
