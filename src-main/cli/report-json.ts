import type { ImageFetchReport } from '../shared/images'
import type { ImportReport } from '../shared/types'
import { eachFile, fileCount } from '../import/report'

/**
 * `lectern import --json`: the report as `JSON.stringify(value, null, 2)` printed it (`cancelled`
 * only when true, `images` after a picture fetch), in pieces of about 64 KB made a file at a
 * time: a million files' report made whole, as objects and then as one string, took more memory
 * than the import itself.
 */
export function* reportJson(
  report: ImportReport,
  images: ImageFetchReport | null,
): Generator<string> {
  const MARK = '\u0000files\u0000'
  const shell: Record<string, unknown> = {}
  // `files` is not read here: reading it would make the whole list
  for (const k of Object.keys(report) as (keyof ImportReport)[]) {
    if (k === 'cancelled' && !report.cancelled) continue
    shell[k] = k === 'files' ? MARK : report[k]
  }
  if (images) shell.images = images
  const [head, tail] = JSON.stringify(shell, null, 2).split(JSON.stringify(MARK)) as [
    string,
    string,
  ]
  let out = head
  if (fileCount(report) === 0) out += '[]'
  else {
    let first = true
    for (const f of eachFile(report)) {
      out += `${first ? '[\n' : ',\n'}    ${JSON.stringify(f, null, 2).replaceAll('\n', '\n    ')}`
      first = false
      if (out.length >= 1 << 16) {
        yield out
        out = ''
      }
    }
    out += '\n  ]'
  }
  yield `${out}${tail}\n`
}
