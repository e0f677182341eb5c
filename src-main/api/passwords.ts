import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// Passwords as scrypt hashes (Node's own crypto: a memory-hard KDF, no native add-on to build),
// each with its own random salt. The cost travels inside the hash, so raising it later keeps old
// hashes checkable. Comparison is constant-time.

export interface ScryptCost {
  N: number
  r: number
  p: number
}

/** 32 MiB and about a tenth of a second per check on a desktop-class CPU: slow for a guesser,
 * bearable for a sign-in. Tests pass a smaller cost. */
export const DEFAULT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 }

const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default), so leave room.
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 }
  return new Promise((ok, fail) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, options, (e, key) =>
      e ? fail(e) : ok(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(password, salt, cost)
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join(
    '$',
  )
}

/** True when `password` matches `stored`. A malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const salt = Buffer.from(parts[4] as string, 'base64')
  const key = Buffer.from(parts[5] as string, 'base64')
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || key.length !== KEY_BYTES) {
    return false
  }
  const got = await derive(password, salt, { N, r, p })
  return timingSafeEqual(got, key)
}
