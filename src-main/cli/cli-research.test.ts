import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { article, tempTree } from '../test-support/tmp'
import { cliOn } from '../test-support/cli'

// The research commands as scripts use them: the JSON shapes of issue 9, and a quote that is
// not there or is there twice answered with one sentence and exit code 2.

let tree: ReturnType<typeof tempTree>
let db = ''
let zh = 0
let en = 0

const { lectern, json } = cliOn(() => db)

beforeAll(async () => {
  tree = tempTree({
    'news/zh.md': article(
      '阿里巴巴公布财报',
      '阿里巴巴公布财报，云业务增长。监管仍是变数，监管仍是变数。',
      'source: "https://new.qq.com/rain/a/1"\nsource_name: 腾讯新闻\n',
    ),
    'news/en.md': article(
      'Central bank cuts rates',
      'The central bank cut rates on Thursday.',
      'source: "https://www.reuters.com/x"\nauthor: Jane Smith\n',
    ),
  })
  db = tree.path('archive.db')
  const report = await json<{ files: { path: string; id: number }[] }>('import', tree.path('news'))
  zh = report.files.find((f) => f.path === 'zh.md')!.id
  en = report.files.find((f) => f.path === 'en.md')!.id
}, 60_000)
afterAll(() => tree?.cleanup())

describe('lectern highlights, notes, cite and export', () => {
  it('adds, lists by query and removes highlights with the JSON of the issue', async () => {
    const h = await json<Record<string, unknown>>(
      'highlights',
      'add',
      String(zh),
      '--quote',
      '云业务增长',
      '--note',
      '增长来自云',
      '--color',
      'green',
    )
    expect(Object.keys(h).sort()).toEqual([
      'articleId',
      'color',
      'created',
      'end',
      'id',
      'note',
      'orphaned',
      'prefix',
      'quote',
      'start',
      'suffix',
    ])
    expect(h).toMatchObject({
      articleId: zh,
      quote: '云业务增长',
      prefix: '阿里巴巴公布财报，',
      color: 'green',
      orphaned: false,
    })
    const second = await json<{ id: number }>(
      'highlights',
      'add',
      String(zh),
      '--quote',
      '监管仍是变数',
      '--occurrence',
      '2',
    )
    expect(await json<unknown[]>('highlights', 'list', '--article', String(zh))).toHaveLength(2)
    const noted = await json<{ id: number }[]>('highlights', 'list', '--query', '阿里 has:note')
    expect(noted.map((x) => x.id)).toEqual([h.id])
    expect((await lectern('highlights', 'remove', String(second.id))).code).toBe(0)
    expect(await json<unknown[]>('highlights', 'list')).toHaveLength(1)
    expect(await lectern('highlights', 'remove', String(second.id))).toMatchObject({ code: 1 })
  }, 60_000)

  it('refuses with one sentence and exit 2', async () => {
    for (const [args, message] of [
      [['highlights', 'add', String(zh), '--quote', '不在文中'], /not in the article/],
      [['highlights', 'add', String(zh), '--quote', '监管仍是变数'], /2 times.*--occurrence N/],
      [['highlights', 'add', String(zh), '--quote', '监管仍是变数', '--occurrence', '3'], /not 3/],
      [['highlights', 'add', String(zh)], /needs --quote/],
      [
        ['highlights', 'add', String(zh), '--quote', 'x', '--color', 'red'],
        /--color must be yellow, green, blue or pink/,
      ],
      [['highlights', 'list', '--quote', 'x'], /takes no --quote/],
      [['highlights', 'frob'], /Usage: lectern highlights/],
      [['cite', String(en)], /needs --style/],
      [['cite', String(en), '--style', 'harvard'], /--style must be apa, chicago, mla or gb7714/],
      [['export', '--format', 'ris'], /needs which articles/],
      [['export', '--format', 'ris', '--ids', '1,x'], /--ids must be article ids/],
      [['notes', 'set', String(zh)], /Usage: lectern notes set/],
    ] as const) {
      const r = await lectern(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.err, args.join(' ')).toMatch(message)
      expect(r.err.trimEnd().split('\n'), args.join(' ')).toHaveLength(1)
    }
  }, 90_000)

  it('sets a note, cites in a style and exports references', async () => {
    expect(
      await json<{ note: string }>('notes', 'set', String(en), 'Check', 'the', 'Fed'),
    ).toMatchObject({ note: 'Check the Fed' })
    expect(await json<{ id: number }[]>('highlights', 'list', '--query', 'note:fed')).toEqual([])
    expect((await lectern('notes', 'set', String(en), '')).code).toBe(0)

    const apa = await lectern('cite', String(en), '--style', 'apa')
    expect(apa.out).toMatch(/^Smith, J\. \(2025, February 13\)\. Central bank cuts rates/)
    const gb = await lectern('cite', String(zh), '--style', 'gb7714', '--format', 'html')
    expect(gb.out).toMatch(/阿里巴巴公布财报\[N\/OL\]/)
    expect(gb.out).toMatch(/<div/)

    const out = tree.path('refs.bib')
    expect(
      (await lectern('export', '--format', 'bibtex', '--query', '阿里', '--out', out)).code,
    ).toBe(0)
    expect(readFileSync(out, 'utf8')).toMatch(/^@article\{/)
    const ris = await lectern('export', '--format', 'ris', '--ids', `${zh},${en}`)
    expect(ris.out.match(/^TY {2}- /gm)).toHaveLength(2)
  }, 60_000)
})
