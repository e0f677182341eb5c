import { parseArgs } from 'node:util'
import { LecternError } from '../shared/errors'
import { runCommand, USAGE } from './commands'

/** `lectern <command> …`: errors print one clear line and exit non-zero, never a stack trace. */
async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  let parsed
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        offset: { type: 'string' },
        sort: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allow-import': { type: 'boolean', default: false },
        images: { type: 'boolean', default: false },
        article: { type: 'string' },
      },
    })
  } catch (e) {
    process.stderr.write(`lectern: ${(e as Error).message}\n\n${USAGE}`)
    return 2
  }
  return runCommand(command, parsed.positionals, parsed.values)
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    const known = e instanceof LecternError || (e instanceof Error && e.name === 'CliError')
    process.stderr.write(`lectern: ${e instanceof Error ? e.message : String(e)}\n`)
    if (!known && process.env.LECTERN_DEBUG && e instanceof Error)
      process.stderr.write(`${e.stack}\n`)
    process.exitCode = 1
  },
)
