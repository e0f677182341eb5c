import { describe, expect, it } from 'vitest'
import { runPool } from './pool'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tracker() {
  let now = 0
  let max = 0
  const perKey = new Map<string, { now: number; max: number }>()
  return {
    async run(key: string, ms: number) {
      const k = perKey.get(key) ?? { now: 0, max: 0 }
      perKey.set(key, k)
      now++
      k.now++
      max = Math.max(max, now)
      k.max = Math.max(k.max, k.now)
      await tick(ms)
      now--
      k.now--
    },
    max: () => max,
    maxOf: (key: string) => perKey.get(key)?.max ?? 0,
  }
}

describe('the download pool', () => {
  it('never runs more than the limits, overall and per host, and runs everything', async () => {
    const t = tracker()
    const items = Array.from({ length: 40 }, (_, i) => ({ host: `h${i % 5}`, i }))
    const done: number[] = []
    await runPool(
      items,
      (x) => x.host,
      { concurrency: 6, perKey: 2 },
      async (x) => {
        await t.run(x.host, 5)
        done.push(x.i)
      },
    )
    expect(done.sort((a, b) => a - b)).toEqual(items.map((x) => x.i))
    expect(t.max()).toBe(6)
    for (let h = 0; h < 5; h++) expect(t.maxOf(`h${h}`)).toBeLessThanOrEqual(2)
  })

  it('keeps other hosts going while one host is saturated', async () => {
    const order: string[] = []
    const items = [...Array(6).fill('slow'), 'fast1', 'fast2'] as string[]
    await runPool(
      items,
      (x) => (x.startsWith('slow') ? 'slow' : x),
      { concurrency: 4, perKey: 1 },
      async (x) => {
        await tick(x === 'slow' ? 20 : 1)
        order.push(x)
      },
    )
    expect(order.slice(0, 2).sort()).toEqual(['fast1', 'fast2'])
  })

  it('starts nothing new once cancelled, and waits for the running ones', async () => {
    const ctrl = new AbortController()
    let started = 0
    let finished = 0
    await runPool(
      Array.from({ length: 20 }, (_, i) => i),
      String,
      { concurrency: 3, perKey: 3, signal: ctrl.signal },
      async () => {
        started++
        if (started === 3) ctrl.abort()
        await tick(5)
        finished++
      },
    )
    expect(started).toBe(3)
    expect(finished).toBe(3)
  })

  it('returns at once with nothing to do', async () => {
    await expect(
      runPool([], String, { concurrency: 6, perKey: 2 }, async () => {}),
    ).resolves.toBeUndefined()
  })
})
