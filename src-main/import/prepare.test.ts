import { afterEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { statSync } from 'node:fs'
import iconv from 'iconv-lite'
import { article, tempTree } from '../test-support/tmp'
import { asString } from '../db/stored-text'
import { prepareAll, textsAsBytes, type PrepareJob } from './prepare'

let tree: ReturnType<typeof tempTree>
afterEach(() => tree?.cleanup())

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

describe('preparing a file for the writer', () => {
  // The hash decides, at every later import, whether a file changed: taken from the bytes or
  // from the text, it must be the text's, as archives made before have it.
  const body = '阿里巴巴发布新模型，市场反应平稳。\n\nThe market reacted calmly. 😀'
  const text = article('新模型', body)
  const files: Record<string, string | Uint8Array> = {
    'utf8.md': text,
    'bom.md': '\ufeff' + text,
    'crlf.md': text.replace(/\n/g, '\r\n'),
    'gbk.md': iconv.encode(article('新模型', '阿里巴巴发布新模型，市场反应平稳。'), 'gb18030'),
    'bare.md': body,
  }

  it('hashes the decoded text and keeps the body, whatever the bytes were', async () => {
    tree = tempTree(files)
    const jobs: PrepareJob[] = Object.keys(files).map((rel) => ({
      abs: tree.path(rel),
      rel,
      root: tree.dir,
      mediaDir: tree.path('media'),
    }))
    for (const blocking of [true, false]) {
      const results = await prepareAll(jobs, { blocking })
      textsAsBytes(results)
      const by = Object.fromEntries(results.map((r, i) => [jobs[i]!.rel, r]))
      for (const rel of ['utf8.md', 'bom.md', 'crlf.md', 'bare.md']) {
        const r = by[rel]!
        if (r.kind !== 'parsed') throw new Error(`${rel}: ${r.kind}`)
        expect(r.hash).toBe(sha256(rel === 'bare.md' ? body : text))
        expect(asString(r.parsed.markdown)).toBe(rel === 'bare.md' ? body : `${body}\n`)
        expect(r.size).toBe(statSync(tree.path(rel)).size)
      }
      const gbk = by['gbk.md']!
      if (gbk.kind !== 'parsed') throw new Error(gbk.kind)
      expect(gbk.hash).toBe(sha256(article('新模型', '阿里巴巴发布新模型，市场反应平稳。')))
      expect(asString(gbk.parsed.markdown)).toBe('阿里巴巴发布新模型，市场反应平稳。\n')
    }
  })

  it('leaves a file unread when its size and time are the ones the archive knows', async () => {
    tree = tempTree({ 'a.md': text })
    const st = statSync(tree.path('a.md'))
    const job = { abs: tree.path('a.md'), rel: 'a.md', root: tree.dir, mediaDir: tree.dir }
    const known = { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) }
    const [same] = await prepareAll([{ ...job, known }], { blocking: true })
    expect(same).toEqual({ kind: 'unchanged', ...known })
    const [moved] = await prepareAll([{ ...job, known: { ...known, mtimeMs: 1 } }])
    expect(moved?.kind).toBe('parsed')
  })
})
