import type { Method, Reply } from '../../../src-main/shared/api'
import { EVENT_NAMES } from '../../../src-main/shared/api'
import { HTTP_CALL, HTTP_EVENTS } from '../../../src-main/shared/wire'
import { wireError } from '../../../src-main/shared/errors'

export type EventListener = (event: string, data: unknown) => void

/** How the client reaches the archive: one call and one event subscription. */
export interface Transport {
  call(method: Method, args: unknown): Promise<Reply>
  subscribe(listener: EventListener): () => void
  /** True in the desktop app (system dialogs, dropped folders, the media scheme). */
  readonly desktop: boolean
  /** Where a dropped file or folder is on disk: known only in the desktop app ('' elsewhere). */
  pathForFile(file: File): string
}

/** What the preload exposes as `window.lectern` (src-main/preload/index.ts). */
export interface Bridge {
  call(method: string, args: unknown): Promise<Reply>
  on(listener: EventListener): () => void
  pathForFile(file: File): string
}

export function ipcTransport(bridge: Bridge): Transport {
  return {
    call: (m, a) => bridge.call(m, a),
    subscribe: (l) => bridge.on(l),
    desktop: true,
    pathForFile: (f) => bridge.pathForFile(f),
  }
}

/** The desktop bridge when the preload put one there, HTTP (`lectern serve`) otherwise. */
export function detectTransport(): Transport {
  const bridge = (globalThis as { lectern?: Bridge }).lectern
  return bridge ? ipcTransport(bridge) : httpTransport()
}

export function httpTransport(base = ''): Transport {
  const events = sharedEventStream(`${base}${HTTP_EVENTS}`)
  return {
    async call(method, args) {
      let res: Response
      try {
        res = await fetch(`${base}${HTTP_CALL}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ method, args }),
        })
      } catch {
        return { ok: false, error: wireError({ code: 'unreachable' }) }
      }
      // The server's own errors (a 413, say) are JSON replies with a code; anything else (a
      // proxy's error page) is known only by its status.
      if (res.headers.get('content-type')?.startsWith('application/json')) {
        return (await res.json()) as Reply
      }
      return {
        ok: false,
        error: wireError({ code: 'server-status', params: { status: res.status } }),
      }
    },
    subscribe: events.subscribe,
    desktop: false,
    pathForFile: () => '',
  }
}

const RETRY_FIRST_MS = 1000
const RETRY_MAX_MS = 30_000

/**
 * One EventSource for the whole tab, whatever the number of listeners. A browser keeps six
 * HTTP/1.1 connections per host, and an event stream holds one for good: a stream per
 * listener (three per tab) left the second tab's calls queued behind the first tab's streams.
 *
 * EventSource reconnects by itself after a dropped connection; it gives up for good only when
 * the server answers with an error (a restart of `lectern serve` in progress), so then the
 * stream is opened again here, backing off up to 30 s.
 */
export function sharedEventStream(url: string): { subscribe(l: EventListener): () => void } {
  const listeners = new Set<EventListener>()
  let source: EventSource | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let delay = RETRY_FIRST_MS

  function open(): void {
    const es = new EventSource(url)
    source = es
    es.onopen = () => (delay = RETRY_FIRST_MS)
    es.onerror = () => {
      if (es.readyState !== EventSource.CLOSED || source !== es) return
      source = null
      timer = setTimeout(() => {
        timer = null
        if (listeners.size > 0) open()
      }, delay)
      delay = Math.min(delay * 2, RETRY_MAX_MS)
    }
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (e) => {
        const data: unknown = JSON.parse((e as MessageEvent<string>).data)
        for (const l of [...listeners]) l(name, data)
      })
    }
  }

  function close(): void {
    source?.close()
    source = null
    if (timer) clearTimeout(timer)
    timer = null
    delay = RETRY_FIRST_MS
  }

  return {
    subscribe(listener) {
      listeners.add(listener)
      if (!source && !timer) open()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) close()
      }
    },
  }
}
