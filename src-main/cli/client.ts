import { createDispatcher } from '../api/dispatcher'
import { openService } from '../api/open-service'
import type { ArgsOf, LecternEvents, Method, ResultOf } from '../shared/api'

// The CLI is one more client of the contract: it opens the same service the app opens and calls
// it through the same dispatcher, so arguments are checked, paths resolved and errors worded in
// one place for the app, `lectern serve` and the command line alike.

/** A failure to report in one line; `exitCode` 2 for a mistake in the command line. */
export class CliError extends Error {
  override name = 'CliError'
  constructor(
    message: string,
    readonly exitCode = 1,
    /** The contract's error code, when the service refused. */
    readonly code?: string,
  ) {
    super(message)
  }
}

// Refusals that mean the command line named or asked for something wrong (exit 2, like a bad
// flag): bad arguments, a --quote that is not in the article or is there more than once, and a
// collection or saved search that does not exist or cannot take that name.
const USAGE_CODES = new Set<string>([
  'bad-arguments',
  'quote-not-found',
  'quote-ambiguous',
  'quote-empty',
  'unknown-collection',
  'unknown-saved-search',
  'name-taken',
  'empty-name',
  'not-in-collection',
])

export interface CliClient {
  call<M extends Method>(
    method: M,
    ...args: ArgsOf<M> extends undefined ? [] : [ArgsOf<M>]
  ): Promise<ResultOf<M>>
  /** Receives the service's events (progress) while the command runs. */
  on: Partial<{ [E in keyof LecternEvents]: (data: LecternEvents[E]) => void }>
  /** Stops watching folders (Ctrl+C on `lectern watch`), telling what was left unimported. */
  stopWatching(): Promise<void>
  close(): void
}

export interface CliArchiveOptions {
  db: string | undefined
  /** Create the archive when missing (import), or say it is missing (every other command). */
  create: boolean
  allowPrivateHosts?: boolean
}

export async function openCli(opts: CliArchiveOptions): Promise<CliClient> {
  const on: CliClient['on'] = {}
  const service = await openService({
    db: opts.db,
    create: opts.create,
    sample: false,
    canImport: true,
    privateHosts: opts.allowPrivateHosts ? 'allowed' : 'refused',
    emit: (event, data) => (on[event] as ((d: typeof data) => void) | undefined)?.(data),
  })
  const dispatch = createDispatcher(service)
  return {
    on,
    call: async (method, ...args) => {
      const reply = await dispatch(method, args[0])
      if (reply.ok) return reply.value as never
      const code = reply.error.code
      throw new CliError(reply.error.message, USAGE_CODES.has(code) ? 2 : 1, code)
    },
    stopWatching: () => service.stopWatching(),
    close: () => service.close(),
  }
}
