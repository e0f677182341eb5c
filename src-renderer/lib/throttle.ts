/**
 * `run` at most once every `ms`: the first call runs at once, calls within `ms` of a run are
 * folded into one more run when the time is up (so the last state is always shown). Hand-written:
 * a dozen lines, and the renderer has no utility library to take it from.
 */
export function throttle(run: () => void, ms: number): () => void {
  let last = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const fire = () => {
    timer = undefined
    last = Date.now()
    run()
  }
  return () => {
    if (timer !== undefined) return
    const wait = last + ms - Date.now()
    if (wait <= 0) fire()
    else timer = setTimeout(fire, wait)
  }
}
