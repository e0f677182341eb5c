import { afterEach } from 'vitest'

type Closable = { close(): unknown } | { cleanup(): unknown }

/**
 * For a test file: `later(thing)` hands `thing` back (an archive, a server, a temporary folder)
 * and closes it after the current test, the newest first, so nothing a test opened outlives it.
 */
export function closedAfterEach() {
  const open: Closable[] = []
  afterEach(async () => {
    for (const c of open.splice(0).reverse()) await ('cleanup' in c ? c.cleanup() : c.close())
  })
  return <T extends Closable>(thing: T): T => {
    open.push(thing)
    return thing
  }
}
