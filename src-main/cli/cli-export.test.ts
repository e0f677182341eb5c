import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { article, tempTree } from '../test-support/tmp'

// `lectern export` through the service: one selection flag, a clear sentence (exit 2) for a
// command line that does not say what to export, and the files it promises.

const root = join(__dirname, '../..')
let tree: ReturnType<typeof tempTree>
let db = ''

function lectern(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src-main/cli/index.ts'), ...args],
    { encoding: 'utf8', env: { ...process.env, ...env } },
  )
  return { code: r.status, out: r.stdout, err: r.stderr }
}

beforeAll(() => {
  tree = tempTree({
    'news/a.md': article('Rates fall', 'Interest rates fall.'),
    'news/b.md': article('Rates rise', 'Interest rates rise.'),
    'news/c.md': article('Tea', 'Autumn tea.'),
  })
  db = tree.path('archive.db')
  const r = lectern(['import', tree.path('news'), '--db', db, '--json'])
  expect(r.code, r.err).toBe(0)
}, 60_000)
afterAll(() => tree?.cleanup())

describe('lectern export', () => {
  it.each([
    [['--format', 'html', '--out', 'x.html'], /needs which articles: one of --ids, --query, --all/],
    [['--format', 'html', '--all', '--query', 'x', '--out', 'x.html'], /not --query and --all/],
    [['--format', 'html', '--ids', '1,x', '--out', 'x.html'], /--ids must be article ids/],
    [
      ['--format', 'docx', '--all', '--out', 'x'],
      /--format must be markdown, html, epub, pdf, csl-json, ris or bibtex, not "docx"/,
    ],
    [
      ['--all', '--out', 'x.html'],
      /needs --format markdown\|html\|epub\|pdf\|csl-json\|ris\|bibtex/,
    ],
    [['--format', 'html', '--all'], /needs --out PATH/],
  ])('refuses %j with one sentence and exit 2', (args, message) => {
    const r = lectern(['export', ...args, '--db', db])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(message)
    expect(r.err.trim().split('\n')).toHaveLength(1)
  })

  it('writes the chosen ids as a Markdown folder and reports it in JSON', () => {
    const out = tree.path('picked')
    const r = lectern([
      'export',
      '--format',
      'markdown',
      '--ids',
      '1,3',
      '--out',
      out,
      '--db',
      db,
      '--json',
    ])
    expect(r.code, r.err).toBe(0)
    expect(JSON.parse(r.out)).toMatchObject({
      format: 'markdown',
      articles: 2,
      out,
      cancelled: false,
    })
    const folders = readdirSync(out).sort()
    expect(folders).toHaveLength(2)
    const texts = folders.map((f) => readFileSync(join(out, f, 'index.md'), 'utf8'))
    expect(texts.join('\n')).toContain('Rates fall')
    expect(texts.join('\n')).toContain('Tea')
  }, 30_000)

  it('writes a search as one HTML file, and says so', () => {
    const out = tree.path('rates.html')
    const r = lectern(['export', '--format', 'html', '--query', 'rates', '--out', out, '--db', db])
    expect(r.code, r.err).toBe(0)
    expect(r.out).toBe(`Exported 2 articles to ${out}\n`)
    expect(readFileSync(out, 'utf8')).not.toContain('Autumn tea')
  }, 30_000)

  it('names an unknown id', () => {
    const r = lectern([
      'export',
      '--format',
      'html',
      '--ids',
      '2,99',
      '--out',
      tree.path('n.html'),
      '--db',
      db,
    ])
    expect(r.code).toBe(1)
    expect(r.err).toBe('lectern: No article with id 99\n')
  }, 30_000)

  it('says what to install when no browser can print the PDF', () => {
    const out = tree.path('all.pdf')
    const r = lectern(['export', '--format', 'pdf', '--all', '--out', out, '--db', db], {
      LECTERN_CHROMIUM: tree.path('no-such-browser'),
    })
    expect(r.code).toBe(1)
    expect(r.err).toMatch(
      /^lectern: PDF export needs Chromium or Google Chrome: install it \(Debian\/Ubuntu: apt-get install chromium\)/,
    )
    expect(existsSync(out)).toBe(false)
  }, 30_000)
})
