import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { throttle } from './throttle'

beforeEach(() => void vi.useFakeTimers())
afterEach(() => void vi.useRealTimers())

describe('throttle', () => {
  it('runs the first call at once and folds the calls within the interval into one after it', () => {
    const run = vi.fn()
    const t = throttle(run, 1000)
    t()
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(100)
    t()
    t()
    t()
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(899)
    expect(run).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    expect(run).toHaveBeenCalledTimes(2) // the last state is shown
    vi.advanceTimersByTime(5000)
    expect(run).toHaveBeenCalledTimes(2) // nothing more was asked
    t() // long after: at once again
    expect(run).toHaveBeenCalledTimes(3)
  })
})
