import { describe, expect, it } from 'vitest'
import { emptyReport, tally } from '../import/report'
import { formatImport } from './format'
import { formatSearch } from './format-search'

describe("the CLI's counts", () => {
  it('say one file, and several files', () => {
    const one = emptyReport()
    tally(one, { path: 'a.md', status: 'imported', id: 1, warnings: [{ code: 'unknown-date' }] })
    const text = formatImport(one)
    expect(text).toMatch(/^Scanned 1 file: 1 imported, /)
    expect(text).toContain('\n1 file with warnings:\n  a.md: ')
    tally(one, { path: 'b.md', status: 'imported', id: 2, warnings: [{ code: 'unknown-date' }] })
    expect(formatImport(one)).toMatch(/^Scanned 2 files: 2 imported[^]*\n2 files with warnings:/)
  })

  it('count one article found', () => {
    const r = { query: 'x', total: 1, hits: [], offset: 0, limit: 20 } as never
    expect(formatSearch(r, false).split('\n')[0]).toBe('1 article')
  })
})
