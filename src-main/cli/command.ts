import { openCli, type CliClient } from './client'
import type { FlagTable, FlagValues } from './flags'

// What every command row is made of, shared by the command tables (commands.ts, keep-commands.ts).

export const DB = {
  db: {
    kind: 'string',
    value: 'FILE',
    help: "the archive (default: $LECTERN_DB, else the desktop app's archive)",
  },
} as const
export const JSON_OUT = { json: { kind: 'boolean', help: 'print one JSON document' } } as const
export const PRIVATE = {
  'allow-private-hosts': {
    kind: 'boolean',
    help: 'also fetch pictures from this computer and the local network',
  },
} as const

export type Print = (value: unknown, human: () => string) => void

export interface Command<T extends FlagTable> {
  words: string
  about: string
  flags: T
  dashWords?: boolean
  run(flags: FlagValues<T>, words: string[], print: Print): Promise<number>
}

/** Keeps each row's flag types while the table holds rows of every shape. */
export const command = <T extends FlagTable>(c: Command<T>) => c as unknown as Command<FlagTable>

export async function withArchive(
  db: string | undefined,
  fn: (cli: CliClient) => Promise<number>,
): Promise<number> {
  const cli = await openCli({ db, create: false })
  try {
    return await fn(cli)
  } finally {
    cli.close()
  }
}

/** Resolves when the user presses Ctrl+C (or the process is asked to stop). */
export function untilInterrupted(): Promise<void> {
  return new Promise<void>((ok) => {
    process.once('SIGINT', ok)
    process.once('SIGTERM', ok)
  })
}
