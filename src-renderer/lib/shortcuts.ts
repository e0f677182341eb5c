// Global keyboard shortcuts, as a pure mapping from a key event to a command, so the table is
// in one place and testable.
export type Command = 'focus-search' | 'zoom-in' | 'zoom-out' | 'import' | 'settings'

interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** True when the event target is a text field, where `/` must type a slash. */
  inField: boolean
}

export function commandFor(e: KeyLike): Command | null {
  const mod = e.ctrlKey || e.metaKey
  if (e.altKey) return null
  if (mod) {
    switch (e.key.toLowerCase()) {
      case 'f':
        return 'focus-search'
      case '=':
      case '+':
        return 'zoom-in'
      case '-':
      case '_':
        return 'zoom-out'
      case 'o':
        return 'import'
      case ',':
        return 'settings'
    }
    return null
  }
  if (e.key === '/' && !e.inField) return 'focus-search'
  return null
}
