import { beforeAll, describe, it, expect } from 'vitest'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { decodeFile } from './decode'
import { parseArticle } from './parse'
import type { ParsedArticle } from './types'

// A read-only archive of 2,098 scraped news files in exactly the format Lectern imports.
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/news')
const present = existsSync(CORPUS)

interface Parsed {
  rel: string
  article: ParsedArticle
}

/** Each file is parsed on its own so that one failure names its file instead of ending the run. */
function parseAll(): { parsed: Parsed[]; failed: string[] } {
  const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|markdown)$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort()
  const parsed: Parsed[] = []
  const failed: string[] = []
  for (const abs of files) {
    const rel = path.relative(CORPUS, abs).split(path.sep).join('/')
    try {
      const decoded = decodeFile(readFileSync(abs), path.basename(abs))
      if (decoded.kind !== 'text') failed.push(`${rel}: skipped as ${decoded.reason.code}`)
      else parsed.push({ rel, article: parseArticle(decoded.text, rel) })
    } catch (e) {
      failed.push(`${rel}: ${(e as Error).message}`)
    }
  }
  return { parsed, failed }
}

const title = present ? `news corpus at ${CORPUS}` : `news corpus (skipped: ${CORPUS} not found)`

describe.skipIf(!present)(title, () => {
  // Parsed once: the assertions below are different views of the same import.
  let all: Parsed[] = []
  let failed: string[] = []
  beforeAll(() => {
    ;({ parsed: all, failed } = parseAll())
  })

  it('parses every file without throwing, each with a non-empty title', () => {
    expect(failed).toEqual([])
    expect(all.length).toBeGreaterThan(2000)
    const untitled = all.filter((p) => p.article.title.trim() === '').map((p) => p.rel)
    expect(untitled).toEqual([])
  })

  it('reads the qq article of 2026-07-30 16:04:22 exactly', () => {
    const qq = all.filter(
      (p) =>
        p.rel.startsWith('zh-CN/news/qq/') && p.article.frontMatter.date === '2026-07-30 16:04:22',
    )
    expect(qq).toHaveLength(1)
    const a = qq[0]!.article
    expect(a.date).toBe('2026-07-30T16:04:22')
    expect(a.sourceUrl).toMatch(/^https:\/\/new\.qq\.com\//)
    expect(a.sourceName).toBe('qq')
    expect(a.tags).toEqual(['qq'])
    expect(a.categories).toEqual(['qq'])
    expect(a.lang).toBe('zh-CN')
    expect(a.warnings).toEqual([])
  })

  it('understands every RFC 1123 date in the corpus', () => {
    const rfc = all.filter((p) => /GMT$/.test(String(p.article.frontMatter.date)))
    expect(rfc.length).toBeGreaterThan(0)
    expect(rfc.filter((p) => p.article.date === null).map((p) => p.rel)).toEqual([])
    for (const p of rfc) expect(p.article.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
  })

  it('finds a source link and a language in every file', () => {
    expect(
      all.filter((p) => !p.article.sourceUrl || !p.article.sourceName).map((p) => p.rel),
    ).toEqual([])
    expect(all.filter((p) => !p.article.lang).map((p) => p.rel)).toEqual([])
  })

  it('has unknown dates only where the file gives none', () => {
    const unknown = all.filter((p) => p.article.date === null)
    console.info(`corpus: ${all.length} files, ${unknown.length} with unknown dates`)
    for (const p of unknown) {
      expect(p.article.frontMatter.date).toBe('')
      expect(p.article.warnings).toEqual([{ code: 'unknown-date' }])
    }
  })
})
