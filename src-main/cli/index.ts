import { LecternError } from '../shared/errors'
import { CliError } from './client'
import { runCommand, USAGE } from './commands'
import { UsageError } from './flags'

/** `lectern <command> …`: errors print one clear line, never a stack trace; a mistake in the
 * command line exits 2, a failure of the work itself 1. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  return runCommand(command, rest)
}

// `lectern search x | head` closes the pipe early: that is the reader saying it has enough, not
// a failure worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0)
  throw e
})

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const known = e instanceof LecternError || e instanceof CliError || e instanceof UsageError
    process.stderr.write(`lectern: ${e instanceof Error ? e.message : String(e)}\n`)
    if (!known && process.env.LECTERN_DEBUG && e instanceof Error)
      process.stderr.write(`${e.stack}\n`)
    process.exitCode = e instanceof UsageError ? 2 : e instanceof CliError ? e.exitCode : 1
  },
)
