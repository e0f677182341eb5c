import { beforeAll, describe, expect, it } from 'vitest'
import { JSDOM } from 'jsdom'
import { parseQuery } from '../../src-main/shared/query'
import { markTerms, snippetWords } from './highlight'

let window: JSDOM['window']
beforeAll(() => {
  window = new JSDOM('<!doctype html><html><body></body></html>').window
  // the tree walker's filter constants
  Object.assign(globalThis, { NodeFilter: window.NodeFilter })
})

function marked(html: string, query: string, words: string[] = []): string[] {
  const root = window.document.createElement('div')
  root.innerHTML = html
  markTerms(root, { query: parseQuery(query), words })
  return [...root.querySelectorAll('mark')].map((m) => m.textContent ?? '')
}

describe('marks in the reader follow the index', () => {
  it.each([
    ['generalization', '<p>We generalize.</p>', ['generalize']],
    ['organize', '<p>The organization said no.</p>', ['organization']],
    ['elections', '<p>After the election.</p>', ['election']],
    ['elect*', '<p>Electricity and elections</p>', ['Electricity', 'elections']],
    [
      '"machine learning"',
      '<p>Machine <em>learning</em> and machine tools</p>',
      ['Machine ', 'learning'],
    ],
    ['ai', '<p>Tailwind and ＡＩ</p>', ['ＡＩ']],
    ['cafe', '<p>Café culture</p>', ['Café']],
    ['阿里 -巴巴', '<p>阿里巴巴</p>', ['阿里']],
    ['title:tram', '<p>The tram line</p>', ['tram']],
    ['tag:x ｔａｇ：ＡＩ', '<p>tag x AI</p>', []],
    ['“open source”', '<p>open source code</p>', ['open source']],
  ])('%s in %s', (query, html, want) => {
    expect(marked(html, query)).toEqual(want)
  })

  it('text from two paragraphs is not glued into one word', () => {
    expect(marked('<p>gene</p><p>ralize</p>', 'generalize')).toEqual([])
    expect(marked('<p><b>gene</b>ralize</p>', 'generalize')).toEqual(['gene', 'ralize'])
  })

  it("a snippet's marked words are marked as the article spells them", () => {
    const words = snippetWords({ text: '…臺灣市場', marks: [[1, 3]] })
    expect(words).toEqual(['臺灣'])
    expect(marked('<p>臺灣市場反應</p>', '台湾', words)).toEqual(['臺灣'])
  })

  it('returns one mark per match, in order, to step through', () => {
    const root = window.document.createElement('div')
    root.innerHTML = '<p>a <b>rate</b> cut, rate <i>cut</i>s</p>'
    const marks = markTerms(root, { query: parseQuery('"rate cut"'), words: [] })
    expect(marks.map((m) => m.textContent)).toEqual(['rate', 'rate '])
    // the second match is `rate cuts`, the plural in two elements
    expect(root.querySelectorAll('mark')).toHaveLength(5)
  })
})
