import type { ImportProgress } from '../shared/types'

/** A one-line progress bar on stderr, only when stderr is a terminal (never in pipes or --json). */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return { update: (_p: ImportProgress) => {}, end: () => {} }
  let last = 0
  const update = (p: ImportProgress) => {
    const now = Date.now()
    if (now - last < 100 && p.phase !== 'done') return
    last = now
    const width = 30
    const line =
      p.phase === 'scanning'
        ? `Scanning… ${p.scanned} files`
        : (() => {
            const frac = p.total ? p.done / p.total : 1
            const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░')
            return `${bar} ${p.done}/${p.total} ${Math.round(p.rate)} files/s`
          })()
    stream.write(`\r\x1b[2K${line}`)
  }
  return { update, end: () => stream.write('\r\x1b[2K') }
}
