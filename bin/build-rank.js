#!/usr/bin/env node
// Builds native/lectern_rank.c, lectern_tokens.c and lectern_story.c, the SQLite extension that
// ranks searches, tokenizes the index and makes story fingerprints faster (see those files), into
// native/build/. Runs after `npm install` / `npm ci`. It needs a C compiler (cc, or $CC); without one it says so and stops
// without failing the install: search then ranks with FTS5's own bm25(), which orders hits the
// same, the index is written by FTS5's own tokenizer, which makes the same index, and story
// fingerprints are made in TypeScript, the same values: all only slower.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const headers = join(dirname(require.resolve('better-sqlite3/package.json')), 'deps', 'sqlite3')
const ext = { darwin: 'dylib', win32: 'dll' }[process.platform] ?? 'so'
const out = join(root, 'native', 'build', `lectern_rank.${ext}`)
const cc = process.env.CC || 'cc'
const args = [
  '-O2',
  '-fPIC',
  process.platform === 'darwin' ? '-dynamiclib' : '-shared',
  `-I${headers}`,
  join(root, 'native', 'lectern_rank.c'),
  join(root, 'native', 'lectern_tokens.c'),
  join(root, 'native', 'lectern_story.c'),
  '-o',
  out,
  '-lm',
]

mkdirSync(dirname(out), { recursive: true })
try {
  execFileSync(cc, args, { stdio: ['ignore', 'inherit', 'pipe'] })
} catch (e) {
  const said = String(e.stderr ?? '').trim()
  const why =
    e.code === 'ENOENT'
      ? `no C compiler (${cc})`
      : said || `${cc} failed${e.status != null ? ` with exit code ${e.status}` : ''}`
  console.warn(
    `Lectern: the search ranking extension was not built (${why}). ` +
      'Search still works and finds the same; common words rank, and imports index and place stories, more slowly.',
  )
}
