import { describe, expect, it } from 'vitest'
import {
  MAX_PX,
  listTop,
  rowOffset,
  rowRange,
  scrollFor,
  spacerHeight,
  topShowing,
} from './virtual-window'

const million = { count: 1_000_000, rowHeight: 92, height: 800 }
const small = { count: 1000, rowHeight: 92, height: 800 }
const lastScroll = (shape: typeof million) => spacerHeight(shape) - shape.height

describe('the virtual list window', () => {
  it('lays a list that fits out as it is', () => {
    expect(spacerHeight(small)).toBe(92_000)
    expect(listTop(small, 4600)).toBe(4600)
    expect(rowRange(small, 4600, 0)).toEqual([50, 59])
    expect(rowOffset(small, 50, 4600, 4600)).toBe(4600)
    expect(rowRange(small, lastScroll(small), 0)[1]).toBe(999)
  })

  it('reaches the last of 1,000,000 rows within the height browsers allow', () => {
    expect(spacerHeight(million)).toBe(MAX_PX)
    const end = lastScroll(million)
    const top = listTop(million, end)
    const [, last] = rowRange(million, top, 0)
    expect(last).toBe(999_999)
    // the last row's bottom is the viewport's bottom
    expect(rowOffset(million, 999_999, top, end) + 92).toBeCloseTo(end + million.height, 6)
    expect(rowRange(million, listTop(million, 0), 0)[0]).toBe(0)
  })

  it('shows every row somewhere along the scroll, in order', () => {
    let before = -1
    for (let s = 0; s <= lastScroll(million); s += 50_000) {
      const [first] = rowRange(million, listTop(million, s), 0)
      expect(first).toBeGreaterThan(before)
      before = first
    }
    expect(before).toBeGreaterThan(990_000)
  })

  it('scrolls to a row just far enough to show it whole', () => {
    const top = topShowing(million, 654_321, 0)
    expect(654_321 * 92 + 92).toBe(top + million.height)
    const s = scrollFor(million, top)
    expect(s).toBeLessThanOrEqual(lastScroll(million))
    const off = rowOffset(million, 654_321, top, s)
    expect(off).toBeGreaterThanOrEqual(s)
    expect(off + 92).toBeLessThanOrEqual(s + million.height + 1e-6)
    // a row already in view leaves the list where it is
    expect(topShowing(million, 654_320, top)).toBe(top)
    expect(topShowing(million, 3, top)).toBe(3 * 92)
  })
})
