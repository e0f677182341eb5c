import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// A migration that has run on a user's archive is history: editing it would leave archives
// migrated by the old text and by the new one disagreeing, with nothing to tell them apart.
// So the text of every shipped migration is pinned here. To change the schema, add a new
// migration with the next number. When a release ships a new migration, add its line below.
const SHIPPED: Record<string, string> = {
  '0001-articles.ts': 'c5ec0955f5691e412f2ee1a40c03db23cab28c183cb069297e1850babdaf7acc',
  '0002-fts.ts': 'a83d01c36a90c63a69e19f261c5694ce5c7cfb1df64b9c8a9b78eb948cace828',
  '0003-media.ts': '345b615a928b3a7c5aad3b1974becf51dd9e1df5c74486d23dc3772d30ecc363',
}

const dir = import.meta.dirname
const migrationFiles = readdirSync(dir).filter(
  (f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'),
)

/** sha256 of the text, line endings made LF so a Windows checkout hashes the same. */
function hashOf(file: string): string {
  const text = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n')
  return createHash('sha256').update(text).digest('hex')
}

describe('shipped migrations', () => {
  it.each(Object.entries(SHIPPED))('%s is unchanged since it shipped', (file, hash) => {
    expect(migrationFiles, `${file} was shipped and must stay`).toContain(file)
    const now = hashOf(file)
    if (now !== hash) {
      throw new Error(
        `${file} has shipped and must never be edited (sha256 was ${hash}, is now ${now}). ` +
          'Undo the edit and put the change in a new migration with the next number.',
      )
    }
  })

  it('are the lowest numbers: a new migration comes after every shipped one', () => {
    const last = Math.max(...Object.keys(SHIPPED).map((f) => Number(f.slice(0, 4))))
    const numbers = migrationFiles.map((f) => Number(f.slice(0, 4)))
    expect(new Set(numbers).size, 'two migrations share a number').toBe(numbers.length)
    for (const f of migrationFiles) {
      if (!(f in SHIPPED))
        expect(Number(f.slice(0, 4)), `${f} reuses a shipped number`).toBeGreaterThan(last)
    }
  })
})
