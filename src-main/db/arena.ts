// Memory for many small typed arrays, cut from a few large buffers. A parse worker makes a story
// fingerprint (a few KB of arrays) for every article and hands it to the writer's thread. An
// ArrayBuffer of its own for each, transferred, cost the worker about 9 µs to allocate (measured
// in a profile of the import: a buffer that leaves the thread is freed by the other one), and
// each was one more buffer to transfer; a part of 100 files now takes a handful, transferred
// together. (No library: this is a bump allocator of a dozen lines over ArrayBuffer.)

/** Where a caller may put its bytes: `buffer` from byte `at` (a multiple of 8). */
export interface Taken {
  buffer: ArrayBuffer
  at: number
}

export class Arena {
  /** Every buffer handed out from, in order: what a worker transfers. */
  readonly buffers: ArrayBuffer[] = []
  #at = 0
  readonly #size: number

  constructor(size = 256 * 1024) {
    this.#size = size
  }

  /** `bytes` of zeroed memory, aligned for any typed array. */
  take(bytes: number): Taken {
    const need = Math.ceil(bytes / 8) * 8
    let last = this.buffers[this.buffers.length - 1]
    if (last === undefined || this.#at + need > last.byteLength) {
      last = new ArrayBuffer(Math.max(this.#size, need))
      this.buffers.push(last)
      this.#at = 0
    }
    const at = this.#at
    this.#at += need
    return { buffer: last, at }
  }
}

/** The default: a buffer of its own for each. */
export const ownBuffer = (bytes: number): Taken => ({ buffer: new ArrayBuffer(bytes), at: 0 })
