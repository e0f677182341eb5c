import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding Lectern's package.json: the checkout, or the app folder when packaged.
 * Found by walking up, so it works from sources (tests), from out/main (CLI) and from Electron. */
export function appRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'lectern')
          return dir
      } catch {
        // An unreadable package.json is not ours; keep walking.
      }
    }
    const up = dirname(dir)
    if (up === dir) throw new Error('Cannot find the Lectern installation folder')
    dir = up
  }
}
