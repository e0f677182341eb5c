import { describe, expect, it } from 'vitest'
import { SignInThrottle } from './throttle'

describe('the sign-in throttle', () => {
  it('lets five failures pass, then asks to wait, twice as long after each further failure', () => {
    let now = 0
    const t = new SignInThrottle({ now: () => now, baseMs: 1000, maxMs: 8000 })
    const waits: number[] = []
    for (let i = 0; i < 9; i++) {
      waits.push(t.waitMs(['name:rita']))
      t.fail(['name:rita'])
      now += 1 // tries again at once
    }
    // wait before each try: nothing for the first five, then 1 s, 2 s, 4 s, 8 s (the cap)
    expect(waits).toEqual([0, 0, 0, 0, 0, 999, 1999, 3999, 7999])
    now += 8000
    expect(t.waitMs(['name:rita'])).toBe(0)
    t.fail(['name:rita'])
    expect(t.waitMs(['name:rita'])).toBe(8000)
  })

  it('holds back on any key in trouble: the name or the address', () => {
    const t = new SignInThrottle({ now: () => 0 })
    for (let i = 0; i < 5; i++) t.fail([`name:n${i}`, 'addr:10.0.0.9'])
    expect(t.waitMs(['name:fresh', 'addr:10.0.0.9'])).toBe(1000)
    expect(t.waitMs(['name:fresh', 'addr:10.0.0.7'])).toBe(0)
    expect(t.waitMs(['name:n1', 'addr:10.0.0.7'])).toBe(0)
  })

  it('forgets a key after a quiet spell, or when told (a good sign-in)', () => {
    let now = 0
    const t = new SignInThrottle({ now: () => now, forgetMs: 60_000 })
    for (let i = 0; i < 6; i++) t.fail(['name:rita'])
    now += 61_000
    t.fail(['name:rita'])
    expect(t.waitMs(['name:rita'])).toBe(0) // counting starts over: one failure so far
    for (let i = 0; i < 5; i++) t.fail(['name:rex'])
    t.forget('name:rex')
    expect(t.waitMs(['name:rex'])).toBe(0)
  })

  it('stays bounded under a flood of made-up names', () => {
    const t = new SignInThrottle({ maxKeys: 100 })
    for (let i = 0; i < 10_000; i++) t.fail([`name:x${i}`])
    for (let i = 0; i < 5; i++) t.fail(['name:late'])
    expect(t.waitMs(['name:late'])).toBeGreaterThan(0)
    expect(t.waitMs(['name:x0'])).toBe(0)
  })
})
