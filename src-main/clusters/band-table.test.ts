import { describe, expect, it } from 'vitest'
import { BandTable } from './band-table'
import { bandKeys } from './minhash'

const opts = { bands: 4, rows: 2, values: 8 }
const sig = (...v: number[]) => Uint16Array.from(v)

describe('BandTable', () => {
  it('finds the articles sharing band keys, most shared first, never the article itself', () => {
    const t = new BandTable(opts)
    t.put(1, sig(1, 2, 3, 4, 5, 6, 7, 8), 100)
    t.put(2, sig(1, 2, 3, 4, 9, 9, 9, 9), 90) // two bands shared with 1
    t.put(3, sig(1, 2, 0, 0, 0, 0, 0, 0), 80) // one band shared with 1
    t.put(4, sig(5, 5, 5, 5, 5, 5, 5, 5), 70) // none
    const keys = bandKeys(t.signatureOf(1), opts)
    expect(t.candidates(keys, 64, 1)).toEqual([2, 3])
    expect(t.sizeOf(2)).toBe(90)
    expect([...t.signatureOf(3)]).toEqual([1, 2, 0, 0, 0, 0, 0, 0])
    expect(t.has(9)).toBe(false)
  })

  it('forgets an article replaced or removed, and stays right past many growths', () => {
    const t = new BandTable(opts)
    for (let id = 1; id <= 5000; id++) t.put(id, sig(id % 7, 1, id, 2, id, 3, id, 4), id)
    const keys = bandKeys(sig(3, 1, 0, 0, 0, 0, 0, 0), opts)
    // every id ≡ 3 (mod 7) shares the first band
    expect(t.candidates(keys, 10_000, 0)).toHaveLength(714)
    expect(t.candidates(keys, 5, 0)).toHaveLength(5)
    t.put(3, sig(9, 9, 9, 9, 9, 9, 9, 9), 1)
    t.remove(10)
    const left = t.candidates(keys, 10_000, 0)
    expect(left).toHaveLength(712)
    expect(left).not.toContain(3)
    expect(left).not.toContain(10)
    expect(t.has(10)).toBe(false)
  })

  it('looks up windows and loose keys among the short articles only', () => {
    const loose = (s: Uint16Array) => bandKeys(s, { bands: 2, rows: 1, values: 8 })
    const t = new BandTable(opts, { quotable: (size) => size <= 50, looseKeys: loose })
    const probe = sig(1, 2, 3, 4, 5, 6, 7, 8)
    expect(t.quoted(bandKeys(probe, opts), 64, 0)).toEqual([])
    t.put(1, probe, 40) // short
    t.put(2, probe, 400) // long
    t.put(3, sig(1, 9, 9, 9, 9, 9, 9, 9), 30) // short, shares only a loose key
    expect(t.candidates(bandKeys(probe, opts), 64, 0)).toEqual([1, 2])
    expect(t.quoted(bandKeys(probe, opts), 64, 0)).toEqual([1])
    expect(t.short(loose(probe), 64, 0)).toEqual([1, 3])
    t.remove(1)
    expect(t.quoted(bandKeys(probe, opts), 64, 0)).toEqual([])
    expect(t.short(loose(probe), 64, 0)).toEqual([3])
  })

  it('stays right across many chunks of entries and signatures', () => {
    const t = new BandTable(opts)
    // 40,000 articles: 160,000 entries (three chunks) and signatures in three chunks
    const of = (id: number) => sig(id % 11, 5, id, id, id >> 8, 7, id, 1)
    for (let id = 1; id <= 40_000; id++) t.put(id, of(id), id)
    expect([...t.signatureOf(39_999)]).toEqual([...of(39_999)])
    expect(t.sizeOf(20_000)).toBe(20_000)
    const keys = bandKeys(sig(4, 5, 0, 0, 0, 0, 0, 0), opts)
    const first = t.candidates(keys, 100_000, 0)
    expect(first).toHaveLength(3637) // ids ≡ 4 (mod 11)
    t.remove(40_000) // ≡ 4 (mod 11)
    t.put(4, sig(9, 9, 9, 9, 9, 9, 9, 9), 1)
    const left = t.candidates(keys, 100_000, 0)
    expect(left).toHaveLength(3635)
    expect(left).not.toContain(40_000)
    // a band key of one article only still finds it among 160,000 entries
    expect(t.candidates(bandKeys(of(33_333), opts).slice(1, 2), 10, 0)).toContain(33_333)
  })
})
