import { readFileSync, writeFileSync } from 'node:fs'

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized?: boolean
}

const DEFAULT: WindowState = { width: 1280, height: 820 }

export function loadWindowState(file: string): WindowState {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as WindowState
    if (s.width >= 400 && s.height >= 300) return s
  } catch {
    // First start, or a damaged file: defaults.
  }
  return DEFAULT
}

export function saveWindowState(file: string, s: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(s))
  } catch {
    // Not worth bothering the user about.
  }
}
