import { describe, expect, it } from 'vitest'
import { Arena } from './arena'
import { fingerprint } from './story-store'

describe('Arena', () => {
  it('hands out aligned regions that do not overlap, a new buffer when one is full', () => {
    const arena = new Arena(64)
    const a = arena.take(10)
    const b = arena.take(20)
    const c = arena.take(40) // 16 + 24 taken: does not fit the first 64
    expect([a.at, b.at, c.at]).toEqual([0, 16, 0])
    expect(a.buffer).toBe(b.buffer)
    expect(c.buffer).not.toBe(a.buffer)
    const big = arena.take(1000) // more than a buffer: one of its own size
    expect(big.buffer.byteLength).toBe(1000)
    expect(arena.buffers).toEqual([a.buffer, c.buffer, big.buffer])
    // aligned for any typed array
    expect(() => new Float64Array(b.buffer, b.at, 2)).not.toThrow()
  })
})

describe('fingerprints in an arena', () => {
  const texts = [
    '港口的集装箱吞吐量创下新高，物流公司表示需求仍在增长。'.repeat(30),
    'The harbour handled more containers than ever, and shippers expect more. '.repeat(40),
    '短讯。',
    '',
  ]
  it('are the fingerprints made in buffers of their own, none overwriting another', () => {
    const arena = new Arena(4096)
    const inArena = texts.map((t) => fingerprint(t, undefined, undefined, (n) => arena.take(n)))
    const own = texts.map((t) => fingerprint(t))
    for (const [i, fp] of inArena.entries()) {
      const o = own[i]!
      expect(fp.size).toBe(o.size)
      expect(fp.bytes).toBe(o.bytes)
      expect([...fp.hashes]).toEqual([...o.hashes])
      expect([...fp.sig]).toEqual([...o.sig])
      expect([...fp.windows.sigs]).toEqual([...o.windows.sigs])
      expect([...fp.windows.keys]).toEqual([...o.windows.keys])
    }
    // the long texts' arrays share the arena's buffers
    expect(inArena[0]!.hashes.buffer).toBe(arena.buffers[0])
    expect(arena.buffers.length).toBeGreaterThan(1)
    expect(inArena[1]!.windows.keys.length).toBeGreaterThan(0)
  })
})
