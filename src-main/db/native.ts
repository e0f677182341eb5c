import { existsSync } from 'node:fs'
import { join } from 'node:path'

/**
 * One checkout serves Node (tests, CLI) and Electron (the app), whose native ABIs differ.
 * node_modules/better-sqlite3 keeps the Node build; `bin/electron-native.js` builds a second copy
 * for Electron into .electron-native/, and Electron loads that one through better-sqlite3's
 * `nativeBinding` option. No rebuild juggling between `npm test` and `npm start`.
 */
export function nativeBindingPath(appRoot: string): string | undefined {
  const electron = process.versions.electron
  if (!electron) return undefined
  const candidate = join(appRoot, '.electron-native', `better_sqlite3-electron-${electron}.node`)
  return existsSync(candidate) ? candidate : undefined
}
