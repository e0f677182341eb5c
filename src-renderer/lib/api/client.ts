import type {
  EventName,
  LecternClient,
  LecternEvents,
  Method,
  Reply,
} from '../../../src-main/shared/api'
import { argChecks, EVENT_NAMES } from '../../../src-main/shared/api'
import { wireError, type WireError } from '../../../src-main/shared/errors'

/** The contract as the renderer sees it: every method async. One transport is picked at start:
 * the preload's IPC bridge in the desktop app, HTTP in the browser (`lectern serve`). */
interface Transport {
  call(method: Method, args: unknown): Promise<Reply>
  subscribe(listener: (event: string, data: unknown) => void): () => void
}

interface Bridge {
  call(method: string, args: unknown): Promise<Reply>
  on(listener: (event: string, data: unknown) => void): () => void
  pathForFile(file: File): string
}

/** A failed call: the UI shows `error.code` translated (see i18n/problems.ts), never `message`. */
export class ApiError extends Error {
  constructor(readonly error: WireError) {
    super(error.message)
  }

  get code(): WireError['code'] {
    return this.error.code
  }
}

function ipcTransport(bridge: Bridge): Transport {
  return { call: (m, a) => bridge.call(m, a), subscribe: (l) => bridge.on(l) }
}

function httpTransport(base = ''): Transport {
  return {
    async call(method, args) {
      let res: Response
      try {
        res = await fetch(`${base}/api/call`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method, args }),
        })
      } catch {
        return { ok: false, error: wireError({ code: 'unreachable' }) }
      }
      if (res.headers.get('content-type')?.startsWith('application/json')) {
        return (await res.json()) as Reply
      }
      return {
        ok: false,
        error: wireError({ code: 'server-status', params: { status: res.status } }),
      }
    },
    subscribe(listener) {
      const source = new EventSource(`${base}/api/events`)
      const names: string[] = EVENT_NAMES
      const handlers = names.map((name) => {
        const h = (e: MessageEvent<string>) => listener(name, JSON.parse(e.data))
        source.addEventListener(name, h)
        return h
      })
      return () => {
        names.forEach((n, i) => source.removeEventListener(n, handlers[i] as EventListener))
        source.close()
      }
    },
  }
}

const bridge = (globalThis as { lectern?: Bridge }).lectern
const transport: Transport = bridge ? ipcTransport(bridge) : httpTransport()

export const isDesktop = Boolean(bridge)

/** Where a dropped file or folder is on disk: known only in the desktop app ('' elsewhere). */
export function pathForFile(file: File): string {
  return bridge ? bridge.pathForFile(file) : ''
}

/** Derived from the method table, so a method added to the contract appears here by itself. */
export const api = Object.fromEntries(
  (Object.keys(argChecks) as Method[]).map((m) => [
    m,
    async (args?: unknown) => {
      const reply = await transport.call(m, args)
      if (!reply.ok) throw new ApiError(reply.error)
      return reply.value
    },
  ]),
) as unknown as LecternClient

export function onEvent<E extends EventName>(
  event: E,
  listener: (data: LecternEvents[E]) => void,
): () => void {
  return transport.subscribe((name, data) => {
    if (name === event) listener(data as LecternEvents[E])
  })
}
