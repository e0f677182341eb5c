// Widths of the library and list panes; the reader takes the rest. Persisted per browser.
const KEY = 'lectern.layout'
export const LIMITS = { library: [160, 420], list: [260, 760] } as const
export type Pane = keyof typeof LIMITS
const DEFAULTS: Record<Pane, number> = { library: 230, list: 420 }

function clampWidth(pane: Pane, w: unknown): number {
  const [lo, hi] = LIMITS[pane]
  return typeof w === 'number' && Number.isFinite(w)
    ? Math.min(hi, Math.max(lo, Math.round(w)))
    : DEFAULTS[pane]
}

function load(): Record<Pane, number> {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Record<Pane, number>>
    return { library: clampWidth('library', raw.library), list: clampWidth('list', raw.list) }
  } catch {
    return { ...DEFAULTS }
  }
}

export class Layout {
  #widths = $state(load())

  get library() {
    return this.#widths.library
  }
  get list() {
    return this.#widths.list
  }

  resize(pane: Pane, width: number): void {
    this.#widths[pane] = clampWidth(pane, width)
    try {
      localStorage.setItem(KEY, JSON.stringify(this.#widths))
    } catch {
      // not persisted; still applies now
    }
  }

  reset(): void {
    this.#widths = { ...DEFAULTS }
  }
}

export const layout = new Layout()
