/** Waits that double from `first` up to `max`: `next(previous)`, with 0 for the first time. */
export const backoff =
  (first: number, max: number) =>
  (previous: number): number =>
    previous <= 0 ? first : Math.min(previous * 2, max)
