import { describe, expect, it } from 'vitest'
import { formatWatchBatch } from './format-keep'
import type { ImportReport } from '../shared/types'

const report = (r: Partial<ImportReport>) =>
  ({
    imported: 0,
    updated: 0,
    moved: 0,
    skipped: 0,
    failed: 0,
    unchanged: 0,
    editedFieldsKept: 0,
    ...r,
  }) as ImportReport

describe('a watched batch as `lectern watch` prints it', () => {
  it('names what came in, and for the catch-up as it began what was unchanged', () => {
    expect(
      formatWatchBatch({ folder: '/n', report: report({ imported: 2, updated: 1 }), missing: 1 }),
    ).toMatch(/ \/n: 2 new, 1 updated, 1 source files missing$/)
    expect(
      formatWatchBatch({
        folder: '/n',
        report: report({ imported: 1, unchanged: 1999 }),
        missing: 0,
        catchUp: true,
      }),
    ).toMatch(/ \/n \(caught up\): 1 new, 0 updated, 1999 unchanged$/)
  })
})
