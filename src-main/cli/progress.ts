import type { ImportProgress } from '../shared/types'
import type { ImageProgress } from '../shared/images'
import type { ExportProgress } from '../shared/export'

interface Printer<P> {
  update: (p: P) => void
  end: () => void
}

/** A one-line progress bar on stderr, only when stderr is a terminal (never in pipes or --json). */
function linePrinter<P extends { phase: string }>(
  stream: NodeJS.WriteStream,
  lineOf: (p: P) => string,
): Printer<P> {
  if (!stream.isTTY) return { update: () => {}, end: () => {} }
  let last = 0
  const update = (p: P) => {
    const now = Date.now()
    if (now - last < 100 && p.phase !== 'done') return
    last = now
    stream.write(`\r\x1b[2K${lineOf(p)}`)
  }
  return { update, end: () => stream.write('\r\x1b[2K') }
}

function bar(done: number, total: number, width = 30): string {
  const frac = total ? done / total : 1
  return '█'.repeat(Math.round(frac * width)).padEnd(width, '░')
}

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  return linePrinter<ImportProgress>(stream, (p) =>
    p.phase === 'scanning'
      ? `Scanning… ${p.scanned} files`
      : `${bar(p.done, p.total)} ${p.done}/${p.total} ${Math.round(p.rate)} files/s`,
  )
}

export function imageProgressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  return linePrinter<ImageProgress>(
    stream,
    (p) =>
      `${bar(p.done, p.total)} ${p.done}/${p.total} pictures, ${p.failed} failed, ` +
      `${p.rate.toFixed(1)}/s`,
  )
}

export function exportProgressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  return linePrinter<ExportProgress>(stream, (p) =>
    p.phase === 'finishing'
      ? 'Finishing…'
      : `${bar(p.done, p.total)} ${p.done}/${p.total} articles`,
  )
}
