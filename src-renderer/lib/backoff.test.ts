import { describe, expect, it } from 'vitest'
import { backoff } from './backoff'

describe('a wait that grows', () => {
  it('starts short, doubles, and stops growing at its most', () => {
    const next = backoff(400, 5000)
    const waits: number[] = []
    for (let w = 0, i = 0; i < 7; i++) waits.push((w = next(w)))
    expect(waits).toEqual([400, 800, 1600, 3200, 5000, 5000, 5000])
  })
})
