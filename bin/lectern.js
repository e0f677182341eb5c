#!/usr/bin/env node
// The `lectern` command: runs the built CLI (npm run build makes out/main/cli.js).
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write('lectern: not built yet. Run `npm run build` in the Lectern folder first.\n')
  process.exit(1)
}
await import(pathToFileURL(cli).href)
