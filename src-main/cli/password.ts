import { UsageError } from './flags'
import { CliError } from './client'

// Passwords for `lectern users add|passwd`: typed on the terminal without echo (asked twice), or
// read from standard input with --password-stdin for scripts. Never from a flag: a command line
// is visible to every user of the machine (ps) and kept in shell histories.

export async function readPassword(fromStdin: boolean, confirm: boolean): Promise<string> {
  if (fromStdin) return stripNewline(await readAll(process.stdin))
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError(
      'No terminal to ask for the password on; pipe it in with --password-stdin.',
    )
  }
  const first = await ask('Password: ')
  if (confirm && (await ask('Again: ')) !== first) {
    throw new CliError('The two passwords differ; nothing was changed.')
  }
  return first
}

function stripNewline(s: string): string {
  return s.replace(/\r?\n$/, '')
}

function readAll(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.once('end', () => ok(Buffer.concat(chunks).toString('utf8')))
    stream.once('error', fail)
  })
}

/** One line from the terminal in raw mode, shown as nothing. Written by hand because Node's
 * readline has no muted input, and a package for twenty lines is not worth its upkeep. */
function ask(prompt: string): Promise<string> {
  const input = process.stdin
  process.stderr.write(prompt)
  input.setRawMode(true)
  input.setEncoding('utf8')
  input.resume()
  return new Promise((ok, fail) => {
    let typed = ''
    const done = (e?: Error) => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
      if (e) fail(e)
      else ok(typed)
    }
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done()
        if (ch === '\u0003' || (ch === '\u0004' && typed === '')) {
          return done(new CliError('Cancelled; nothing was changed.', 130))
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('')
        else if (ch >= ' ') typed += ch
      }
    }
    input.on('data', onData)
  })
}
