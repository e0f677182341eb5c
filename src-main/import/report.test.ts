import { describe, expect, it } from 'vitest'
import type { ImportFileResult } from '../shared/types'
import { eachFile, emptyReport, fileCount, reportPage, tally, withoutFiles } from './report'
import { reportJson } from '../cli/report-json'

const results: ImportFileResult[] = [
  { path: 'a.md', status: 'imported', id: 1, warnings: [] },
  { path: '新闻/经济.md', status: 'imported', id: 2, warnings: [{ code: 'unknown-date' }] },
  { path: 'b.md', status: 'duplicate', id: 1, duplicateOf: 1, warnings: [] },
  { path: 'c.txt', status: 'skipped', warnings: [], error: { code: 'not-markdown' } },
  {
    path: 'd.md',
    status: 'failed',
    warnings: [],
    error: { code: 'read-error', params: { detail: 'EIO' } },
  },
  {
    path: 'e.md',
    status: 'updated',
    id: 7,
    warnings: [],
    annotations: { kept: 1, moved: 2, orphaned: 0 },
    editedFieldsKept: 2,
  },
  { path: '', status: 'unchanged', id: 9, warnings: [] },
]

function filled() {
  const report = emptyReport()
  for (const r of results) tally(report, structuredClone(r))
  return report
}

describe('the import report', () => {
  it('lists every file as it was tallied, in order', () => {
    const report = filled()
    expect(fileCount(report)).toBe(results.length)
    expect([...eachFile(report)]).toEqual(results)
    expect(report.files).toEqual(results)
    expect(report).toMatchObject({ scanned: 7, imported: 2, duplicates: 1, failed: 1 })
    expect(report.annotations).toEqual({ kept: 1, moved: 2, orphaned: 0 })
    expect(report.editedFieldsKept).toBe(2)
  })

  it('goes through JSON and structured clone with every file', () => {
    const report = filled()
    expect(JSON.parse(JSON.stringify(report)).files).toEqual(results)
    expect(structuredClone(report).files).toEqual(results)
  })

  it('keeps files tallied after its list was read', () => {
    const report = emptyReport()
    tally(report, structuredClone(results[0]!))
    expect(report.files).toHaveLength(1)
    tally(report, structuredClone(results[1]!))
    expect(report.files).toEqual(results.slice(0, 2))
    expect([...eachFile(report)]).toEqual(results.slice(0, 2))
  })

  it('keeps a hundred thousand files, the last one whole', () => {
    const report = emptyReport()
    const r = (i: number): ImportFileResult => ({
      path: `zh-CN/news/2024/03/文章-${i}.md`,
      status: 'imported',
      id: i,
      warnings: [],
    })
    for (let i = 0; i < 100_000; i++) tally(report, r(i))
    expect(fileCount(report)).toBe(100_000)
    expect([...eachFile(report)][99_999]).toEqual(r(99_999))
  })
})

describe('the report a page at a time', () => {
  const paths = (page: { files: ImportFileResult[] }) => page.files.map((f) => f.path)

  it('filters as the report dialog does, in the order the files were met', () => {
    // both forms: the compact list, and a report whose files were read (an array again)
    const read = filled()
    expect(read.files).toHaveLength(7)
    for (const report of [filled(), read]) {
      const notable = reportPage(report, 'notable', 0, 100)
      // a warning, a duplicate, a skip and a failure; not the clean import, update or unchanged
      expect(paths(notable)).toEqual(['新闻/经济.md', 'b.md', 'c.txt', 'd.md'])
      expect(notable).toMatchObject({ total: 4, notable: 4, warnings: 1 })
      expect(reportPage(report, 'warnings', 0, 100).files).toEqual([results[1]])
      expect(paths(reportPage(report, 'imported', 0, 100))).toEqual(['a.md', '新闻/经济.md'])
      expect(reportPage(report, 'updated', 0, 100).files).toEqual([results[5]])
      expect(reportPage(report, 'moved', 0, 100)).toMatchObject({ total: 0, files: [] })
    }
  })

  it('pages deep into a hundred thousand files without making the whole list', () => {
    const report = emptyReport()
    for (let i = 0; i < 100_000; i++) {
      tally(report, {
        path: `${i}.md`,
        status: i % 10 === 0 ? 'duplicate' : 'imported',
        id: i + 1,
        ...(i % 10 === 0 ? { duplicateOf: 1 } : {}),
        warnings: i % 1000 === 0 ? [{ code: 'unknown-date' }] : [],
      })
    }
    const page = reportPage(report, 'notable', 9_990, 20)
    expect(page).toMatchObject({ total: 10_000, notable: 10_000, warnings: 100 })
    expect(paths(page)).toEqual([
      '99900.md',
      '99910.md',
      '99920.md',
      '99930.md',
      '99940.md',
      '99950.md',
      '99960.md',
      '99970.md',
      '99980.md',
      '99990.md',
    ])
    expect(page.files[0]).toEqual({
      path: '99900.md',
      status: 'duplicate',
      id: 99_901,
      duplicateOf: 1,
      warnings: [],
    })
    expect(reportPage(report, 'imported', 89_999, 5).files.map((f) => f.id)).toEqual([100_000])
    // the compact list is still what the report holds: JSON of it would list every file
    expect(Object.getOwnPropertyDescriptor(report, 'files')?.get).toBeDefined()
  })

  it('leaves the list out of the answer without reading it', () => {
    const report = filled()
    const bare = withoutFiles(report)
    expect(bare).toEqual({ ...filled(), files: [] })
    expect(Object.getOwnPropertyDescriptor(report, 'files')?.get).toBeDefined()
    expect(reportPage(report, 'skipped', 0, 10).files).toEqual([results[3]])
  })
})

describe('lectern import --json', () => {
  const print = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
  const whole = (report: ReturnType<typeof emptyReport>, images = null) =>
    [...reportJson(report, images)].join('')

  it('prints what JSON.stringify printed, without cancelled unless true', () => {
    const report = filled()
    const { cancelled: _c, ...rest } = { ...filled() }
    expect(whole(report)).toBe(print(rest))
    report.cancelled = true
    expect(whole(report)).toBe(print({ ...filled(), cancelled: true }))
  })

  it('prints an empty list and a picture fetch after it', () => {
    const images = { fetched: 1 } as never
    const { cancelled: _c, ...rest } = { ...emptyReport() }
    expect([...reportJson(emptyReport(), images)].join('')).toBe(print({ ...rest, images }))
  })

  it('prints a large report in pieces', () => {
    const report = emptyReport()
    for (let i = 0; i < 5000; i++)
      tally(report, { path: `${i}.md`, status: 'imported', id: i, warnings: [] })
    const pieces = [...reportJson(report, null)]
    expect(pieces.length).toBeGreaterThan(2)
    expect(JSON.parse(pieces.join('')).files).toHaveLength(5000)
  })
})
