import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sharedEventStream } from './transport'
import type { EventName } from '../../../src-main/shared/api'

/** Just enough of the browser's EventSource to count connections and play the server. */
class FakeEventSource {
  static CONNECTING = 0
  static OPEN = 1
  static CLOSED = 2
  static opened: FakeEventSource[] = []
  readyState = FakeEventSource.CONNECTING
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  #handlers = new Map<string, ((e: { data: string }) => void)[]>()
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this)
  }
  addEventListener(name: string, h: (e: { data: string }) => void) {
    this.#handlers.set(name, [...(this.#handlers.get(name) ?? []), h])
  }
  close() {
    this.readyState = FakeEventSource.CLOSED
  }
  /** The server sends one event. */
  emit(name: string, data: unknown) {
    for (const h of this.#handlers.get(name) ?? []) h({ data: JSON.stringify(data) })
  }
  /** The server answers with an error: the browser gives up on this source for good. */
  fail() {
    this.readyState = FakeEventSource.CLOSED
    this.onerror?.()
  }
  get live() {
    return this.readyState !== FakeEventSource.CLOSED
  }
}

beforeEach(() => {
  FakeEventSource.opened = []
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.useFakeTimers()
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('one event stream per tab', () => {
  it('opens one connection for every listener, and closes it when the last one leaves', () => {
    const stream = sharedEventStream('/api/events')
    const got: string[] = []
    const offs = ['a', 'b', 'c'].map((who) =>
      stream.subscribe((event, data) => got.push(`${who}:${event}:${String(data)}`)),
    )
    expect(FakeEventSource.opened).toHaveLength(1)
    const source = FakeEventSource.opened[0] as FakeEventSource
    source.emit('importProgress', 7)
    expect(got).toEqual(['a:importProgress:7', 'b:importProgress:7', 'c:importProgress:7'])
    offs[0]?.()
    offs[1]?.()
    expect(source.live).toBe(true)
    offs[2]?.()
    expect(source.live).toBe(false)
    stream.subscribe(() => {})
    expect(FakeEventSource.opened).toHaveLength(2)
  })

  it('opens the stream again, backing off, when the server refused it', () => {
    const stream = sharedEventStream('/api/events')
    const got: unknown[] = []
    stream.subscribe((_e, data) => got.push(data))
    ;(FakeEventSource.opened[0] as FakeEventSource).fail()
    expect(FakeEventSource.opened).toHaveLength(1)
    vi.advanceTimersByTime(1000)
    expect(FakeEventSource.opened).toHaveLength(2)
    ;(FakeEventSource.opened[1] as FakeEventSource).fail()
    vi.advanceTimersByTime(1000)
    expect(FakeEventSource.opened).toHaveLength(2)
    vi.advanceTimersByTime(1000)
    expect(FakeEventSource.opened).toHaveLength(3)
    ;(FakeEventSource.opened[2] as FakeEventSource).emit('archiveChanged', 'back')
    expect(got).toEqual(['back'])
  })

  it('delivers every event of the contract, whatever its name', () => {
    // EventSource hands out only the event names it was told; a name missing from the
    // contract's list would be silently dropped in the browser.
    const every: { [E in EventName]: true } = {
      menu: true,
      importProgress: true,
      imageProgress: true,
      archiveChanged: true,
      exportProgress: true,
      watchBatch: true,
      watchProgress: true,
      watchNote: true,
      facetsReady: true,
    }
    const got: string[] = []
    sharedEventStream('/api/events').subscribe((event) => got.push(event))
    const source = FakeEventSource.opened[0] as FakeEventSource
    for (const name of Object.keys(every)) source.emit(name, {})
    expect(got).toEqual(Object.keys(every))
  })

  it('does not reopen for nobody', () => {
    const stream = sharedEventStream('/api/events')
    const off = stream.subscribe(() => {})
    ;(FakeEventSource.opened[0] as FakeEventSource).fail()
    off()
    vi.advanceTimersByTime(60_000)
    expect(FakeEventSource.opened).toHaveLength(1)
  })
})
