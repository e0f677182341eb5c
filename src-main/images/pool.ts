/** How many tasks may run at once, overall and per key (for downloads: per host). */
export interface PoolLimits {
  concurrency: number
  perKey: number
  signal?: AbortSignal | undefined
}

/**
 * Runs `work` over the items with bounded concurrency. Items wait in one queue per key and are
 * started round-robin across keys, so one slow host neither blocks the others nor gets hammered.
 * Once `signal` aborts, nothing new starts; the call returns when the running tasks end.
 * `work` must not throw (a throw ends the run with that error after the running tasks).
 */
export function runPool<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  limits: PoolLimits,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const concurrency = Math.max(1, Math.floor(limits.concurrency))
  const perKey = Math.max(1, Math.floor(limits.perKey))
  const queues = new Map<string, T[]>()
  for (const item of items) {
    const key = keyOf(item)
    let q = queues.get(key)
    if (!q) queues.set(key, (q = []))
    q.push(item)
  }
  const active = new Map<string, number>()
  let running = 0
  let failure: { error: unknown } | null = null

  return new Promise<void>((resolve, reject) => {
    const finish = () => (failure ? reject(failure.error) : resolve())
    const pump = () => {
      const stopped = limits.signal?.aborted || failure !== null
      let started = true
      while (!stopped && started && running < concurrency) {
        started = false
        for (const [key, q] of queues) {
          if (running >= concurrency) break
          if ((active.get(key) ?? 0) >= perKey) continue
          const item = q.shift() as T
          if (q.length === 0) queues.delete(key)
          start(key, item)
          started = true
        }
      }
      if (running === 0 && (stopped || queues.size === 0)) finish()
    }
    const start = (key: string, item: T) => {
      running++
      active.set(key, (active.get(key) ?? 0) + 1)
      let p: Promise<void>
      try {
        p = work(item)
      } catch (e) {
        p = Promise.reject(e)
      }
      p.catch((e: unknown) => {
        failure ??= { error: e }
      }).finally(() => {
        running--
        active.set(key, (active.get(key) ?? 1) - 1)
        pump()
      })
    }
    pump()
  })
}
