import { describe, expect, it, vi } from 'vitest'
import { benchImages } from './images'

describe('the image benchmark', () => {
  it('runs on a few pictures and prints a rate', async () => {
    const lines: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((s: string) => void lines.push(s))
    try {
      await benchImages(30, 1)
    } finally {
      log.mockRestore()
    }
    expect(lines.join('\n')).toMatch(/30\/30 stored in .* images\/s/)
    expect(lines.join('\n')).toMatch(/ratio default \/ one at a time/)
  })
})
