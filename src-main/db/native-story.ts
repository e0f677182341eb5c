import Database from 'better-sqlite3'
import { endianness } from 'node:os'
import { extensionBinding, extensionFile, hasExtension } from './extension'
import { kinds } from '../clusters/shingles'
import { signatureLength } from '../clusters/minhash'
import type { ClusterParams } from '../clusters/params'
import { copyUnits, keptUnits } from '../text/units'

// A story fingerprint made by Lectern's extension (native/lectern_story.c), value for value the
// one story-store.ts makes in TypeScript, in about half the time. The extension is an SQLite
// one, so it is called through a connection: each thread that makes fingerprints (the parse
// workers, the writer's thread) opens an empty one in memory, once, and loads the extension
// into it. Without the extension (no C compiler, or a build older than this file) every thread
// makes them in TypeScript.

/** What the extension made: the counts, and the arrays in fingerprint's layout in `body`. */
export interface NativeStory {
  shingles: number
  keys: number
  distinct: number
  body: Uint8Array
}

type Call = (units: Buffer, p: ClusterParams) => Buffer
let call: Call | null | undefined
// a text's UTF-16 units, in a buffer kept between calls (text/units.ts)
const textUnits = keptUnits()

function connect(): Call | null {
  const file = extensionFile()
  if (file === null) return null
  let db: Database.Database | undefined
  try {
    const binding = extensionBinding()
    db = new Database(':memory:', binding ? { nativeBinding: binding } : {})
    if (!hasExtension(db, file)) {
      db.close()
      return null
    }
    db.prepare(`SELECT lectern_story_kinds(?)`).get(Buffer.from(kinds().buffer))
    const story = db.prepare(`SELECT lectern_story(?, ?, ?, ?, ?, ?, ?)`).pluck()
    return (u, p) =>
      story.get(u, p.kCjk, p.kWords, signatureLength(p), p.window, p.bands, p.rows) as Buffer
  } catch {
    // a build without lectern_story: the TypeScript makes the same fingerprint
    db?.close()
    return null
  }
}

// the counts come first, as the C's int32s (in this machine's byte order, as typed arrays are)
const int32 = endianness() === 'LE' ? 'readInt32LE' : 'readInt32BE'

/** The fingerprint of story text `text` (see story-store.ts), or null when this thread has no
 * extension to make it. */
export function nativeStory(text: string, p: ClusterParams): NativeStory | null {
  if (call === undefined) call = connect()
  if (call === null) return null
  const units = textUnits(text.length)
  const n = copyUnits(text, units)
  const made = call(Buffer.from(units.buffer, units.byteOffset, 2 * n), p)
  return {
    shingles: made[int32](0),
    keys: made[int32](8),
    distinct: made[int32](12),
    body: made.subarray(16),
  }
}

/** Forgets this thread's connection (tests: the extension used changes). */
export function resetNativeStory(): void {
  call = undefined
}
