#!/usr/bin/env node
// Builds better-sqlite3 a second time, for Electron's ABI, into .electron-native/, leaving the
// Node build in node_modules for tests and the CLI. The app loads it via `nativeBinding` (see
// src-main/db/native.ts). Runs before `npm start`; does nothing when the build is already there
// or when the Electron binary is not installed (then there is no app to start anyway).
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const electronVersion = require('electron/package.json').version
const target = join(root, '.electron-native', `better_sqlite3-electron-${electronVersion}.node`)

if (existsSync(target)) process.exit(0)
let electronBinary = ''
try {
  electronBinary = require('electron')
} catch {
  // electron's index throws when its binary was never downloaded
}
if (!electronBinary || !existsSync(electronBinary)) {
  console.error(
    'Electron is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD?). `npm start` needs it; ' +
      'in a browser, use `npm run serve` instead.',
  )
  process.exit(1)
}

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`)
const work = mkdtempSync(join(tmpdir(), 'lectern-native-'))
const pkgDir = dirname(require.resolve('better-sqlite3/package.json'))
try {
  cpSync(pkgDir, join(work, 'better-sqlite3'), {
    recursive: true,
    filter: (src) => !src.includes(`${join(pkgDir, 'build')}`),
  })
  const cwd = join(work, 'better-sqlite3')
  const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion }
  try {
    // A prebuilt binary for Electron when the network allows it…
    execFileSync(
      process.execPath,
      [
        require.resolve('prebuild-install/bin.js'),
        '--runtime',
        'electron',
        '--target',
        electronVersion,
      ],
      { cwd, stdio: 'inherit', env },
    )
  } catch {
    // …else compile against Electron's headers.
    execFileSync(
      process.execPath,
      [
        require.resolve('node-gyp/bin/node-gyp.js'),
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd, stdio: 'inherit', env },
    )
  }
  mkdirSync(dirname(target), { recursive: true })
  copyFileSync(join(cwd, 'build', 'Release', 'better_sqlite3.node'), target)
  console.log(`Built ${target}`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
