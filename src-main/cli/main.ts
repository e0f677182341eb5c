import { LecternError } from '../shared/errors'
import { CliError } from './client'
import { runCommand, USAGE } from './commands'
import { UsageError } from './flags'

/** `lectern <command> …` as an exit code: errors print one clear line, never a stack trace; a
 * mistake in the command line exits 2, a failure of the work itself 1. Apart from index.ts so
 * that tests run command lines in-process, with the same error handling as the real command. */
export async function lecternMain(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  try {
    return await runCommand(command, rest)
  } catch (e: unknown) {
    const known = e instanceof LecternError || e instanceof CliError || e instanceof UsageError
    process.stderr.write(`lectern: ${e instanceof Error ? e.message : String(e)}\n`)
    if (!known && process.env.LECTERN_DEBUG && e instanceof Error)
      process.stderr.write(`${e.stack}\n`)
    return e instanceof UsageError ? 2 : e instanceof CliError ? e.exitCode : 1
  }
}
