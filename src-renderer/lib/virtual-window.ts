// Which rows of a long fixed-height list are in view, for components/VirtualList.svelte.
//
// Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million):
// 1,000,000 rows of 92 px are past it, and the rows beyond the cap could not be scrolled to. Past
// MAX_PX the spacer stays MAX_PX tall and the scroll position maps proportionally onto the whole
// list: the first pixel of scrolling shows the first row, the last shows the last.

export const MAX_PX = 10_000_000

export interface ListShape {
  count: number
  rowHeight: number
  /** The viewport's height. */
  height: number
}

/** The spacer's height: the whole list, or MAX_PX when the list is taller. */
export function spacerHeight({ count, rowHeight }: ListShape): number {
  return Math.min(count * rowHeight, MAX_PX)
}

/** Pixels of the whole list per pixel of scrolling (1 when the list fits). */
export function scrollRatio(shape: ListShape): number {
  const full = shape.count * shape.rowHeight
  const spacer = spacerHeight(shape)
  return full > spacer && spacer > shape.height
    ? (full - shape.height) / (spacer - shape.height)
    : 1
}

/** The offset into the whole list shown at the top of the viewport for a scroll position. */
export function listTop(shape: ListShape, scrollTop: number): number {
  return scrollTop * scrollRatio(shape)
}

/** The scroll position that shows the whole list from `top` on. */
export function scrollFor(shape: ListShape, top: number): number {
  return top / scrollRatio(shape)
}

/** First and last row to render (with `overscan` rows either side) for a list offset. */
export function rowRange(shape: ListShape, top: number, overscan: number): [number, number] {
  const start = Math.max(0, Math.floor(top / shape.rowHeight) - overscan)
  const end = Math.min(
    shape.count - 1,
    Math.ceil((top + shape.height) / shape.rowHeight) + overscan,
  )
  return [start, end]
}

/** Where row i goes inside the spacer, when the viewport is scrolled to `scrollTop` and shows
 * the list from `top` on. */
export function rowOffset(shape: ListShape, i: number, top: number, scrollTop: number): number {
  return i * shape.rowHeight - top + scrollTop
}

/** The list offset that just shows row i, starting from `top` (unchanged when it shows). */
export function topShowing(shape: ListShape, i: number, top: number): number {
  const rowTop = i * shape.rowHeight
  if (rowTop < top) return rowTop
  if (rowTop + shape.rowHeight > top + shape.height) return rowTop + shape.rowHeight - shape.height
  return top
}
