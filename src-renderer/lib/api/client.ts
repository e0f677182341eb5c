import type { EventName, LecternClient, LecternEvents, Method } from '../../../src-main/shared/api'
import { argChecks } from '../../../src-main/shared/api'
import type { WireError } from '../../../src-main/shared/errors'
import type { Transport } from './transport'

export type { Transport } from './transport'

/** A failed call: the UI shows `error.code` translated (see i18n/index.ts), never `message`. */
export class ApiError extends Error {
  constructor(readonly error: WireError) {
    super(error.message)
  }

  get code(): WireError['code'] {
    return this.error.code
  }
}

/** The contract as the renderer sees it: every method async, over whichever transport. */
export interface Client {
  api: LecternClient
  onEvent<E extends EventName>(event: E, listener: (data: LecternEvents[E]) => void): () => void
  isDesktop: boolean
  pathForFile(file: File): string
}

/** Derived from the method table, so a method added to the contract appears here by itself. */
export function createClient(transport: Transport): Client {
  const api = Object.fromEntries(
    (Object.keys(argChecks) as Method[]).map((m) => [
      m,
      async (args?: unknown) => {
        const reply = await transport.call(m, args)
        if (!reply.ok) throw new ApiError(reply.error)
        return reply.value
      },
    ]),
  ) as unknown as LecternClient
  return {
    api,
    onEvent: (event, listener) =>
      transport.subscribe((name, data) => {
        if (name === event) listener(data as LecternEvents[typeof event])
      }),
    isDesktop: transport.desktop,
    pathForFile: (file) => transport.pathForFile(file),
  }
}

// The app's own client, installed once by main.ts before the UI mounts (a test installs its
// own). The names below are what the UI imports; they reach whichever client is installed.
let installed: Client | null = null

export function installClient(client: Client): void {
  installed = client
  isDesktop = client.isDesktop
}

function current(): Client {
  if (!installed) throw new Error('No client installed: main.ts calls installClient first')
  return installed
}

/** Set by installClient; an ES module export is a live binding, so importers see the update. */
export let isDesktop = false

export const api = Object.fromEntries(
  (Object.keys(argChecks) as Method[]).map((m) => [
    m,
    (args?: unknown) => (current().api[m] as (a?: unknown) => Promise<unknown>)(args),
  ]),
) as unknown as LecternClient

export function onEvent<E extends EventName>(
  event: E,
  listener: (data: LecternEvents[E]) => void,
): () => void {
  return current().onEvent(event, listener)
}

export function pathForFile(file: File): string {
  return current().pathForFile(file)
}
