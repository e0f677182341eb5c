import type { Database } from 'better-sqlite3'
import { m0001 } from './0001-articles'
import { m0002 } from './0002-fts'
import { m0003 } from './0003-media'
import { m0004 } from './0004-phrase-breaks'
import { m0005 } from './0005-annotations'
import { m0006 } from './0006-story-clusters'
import { m0007 } from './0007-keep'
import { m0008 } from './0008-accounts'
import { m0009 } from './0009-organise'
import { m0010 } from './0010-story-signatures'
import { m0011 } from './0011-local-owner'
import { m0012 } from './0012-saved-facets'
import { m0013 } from './0013-later-versions'
import { m0014 } from './0014-index-pairs'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

/** In order. A shipped migration is never edited: a change is a new file with the next number. */
export const migrations: Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
  m0014,
]

// The last one's number, not the count: 0005 is written on another branch on other branches.
export const latestVersion = migrations[migrations.length - 1]!.version

export function currentVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Each migration runs in its own transaction that ends by setting user_version. */
export function migrate(db: Database, upTo = latestVersion): void {
  for (const m of migrations) {
    if (m.version > upTo || m.version <= currentVersion(db)) continue
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
  }
}
