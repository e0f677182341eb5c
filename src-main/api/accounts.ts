import { createHash, randomBytes } from 'node:crypto'
import type { Archive } from '../db/open'
import * as db from '../db/accounts'
import {
  MAX_PASSWORD,
  MIN_PASSWORD,
  roleAllows,
  type Caller,
  type Role,
  type TokenRole,
  type UserInfo,
} from '../shared/auth'
import { LecternError } from '../shared/errors'
import { DEFAULT_COST, hashPassword, verifyPassword, type ScryptCost } from './passwords'
import { SignInThrottle, type ThrottleOptions } from './throttle'

// Accounts of one archive: managing them (the admin methods of the contract) and telling who a
// request comes from (a session cookie, a bearer token). The HTTP transport reaches the second
// part through `Authenticator`, handed to it by `lectern serve`.

export interface AccountsOptions {
  cost?: ScryptCost
  sessionMs?: number
  throttle?: ThrottleOptions
}

/** What the HTTP transport needs to sign people in and to know who is calling. */
export interface Authenticator {
  signIn(name: unknown, password: unknown, address: string): Promise<SignedIn>
  signOut(sessionId: string): void
  /** The account of a live session, or null. */
  sessionCaller(sessionId: string): Caller | null
  /** The account a bearer token acts for (with the token's role, never more than the
   * account's), or null. */
  tokenCaller(token: string): Caller | null
}

export interface SignedIn {
  sessionId: string
  name: string
  role: Role
  /** Seconds until the session ends (the cookie's Max-Age). */
  maxAge: number
}

/** 12 hours: a working day, after which the browser asks again. */
const SESSION_MS = 12 * 60 * 60 * 1000
const TOKEN_PREFIX = 'lectern_'

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')
const iso = (ms: number) => new Date(ms).toISOString()

/** Letters and digits of any script, then also `.`, `_` and `-`; one way to write each name
 * (NFKC, lower case), so `Alice` and `ａｌｉｃｅ` are one account and one owner. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{N}\p{M}._-]{0,63}$/u

export function canonicalName(raw: string): string | null {
  const name = raw.normalize('NFKC').trim().toLowerCase()
  return NAME.test(name) ? name : null
}

export class Accounts implements Authenticator {
  readonly #db: () => Archive
  readonly #cost: ScryptCost
  readonly #sessionMs: number
  readonly #throttle: SignInThrottle
  #dummy: Promise<string> | null = null
  /** When each account (or token) was last written as seen: once a minute is enough, and spares
   * the archive a write on every call. */
  readonly #seen = new Map<string, number>()

  constructor(archive: () => Archive, opts: AccountsOptions = {}) {
    this.#db = archive
    this.#cost = opts.cost ?? DEFAULT_COST
    this.#sessionMs = opts.sessionMs ?? SESSION_MS
    this.#throttle = new SignInThrottle(opts.throttle)
  }

  /** True when the archive has accounts (then `lectern serve` asks everyone to sign in). */
  any(): boolean {
    return db.countUsers(this.#db()) > 0
  }

  list(): UserInfo[] {
    return db.listUsers(this.#db())
  }

  async add(rawName: string, role: Role, password: string): Promise<UserInfo> {
    const name = this.#validName(rawName)
    const hash = await this.#hash(password)
    if (!db.insertUser(this.#db(), { name, role, passwordHash: hash }, iso(Date.now()))) {
      throw new LecternError('user-exists', { name })
    }
    return this.#info(name)
  }

  /** A new password ends the account's sessions: whoever knew the old one is signed out. */
  async setPassword(rawName: string, password: string): Promise<UserInfo> {
    const name = this.#existing(rawName)
    const hash = await this.#hash(password)
    const archive = this.#db()
    archive.transaction(() => {
      db.setUserPassword(archive, name, hash)
      db.deleteSessionsOf(archive, name)
    })()
    return this.#info(name)
  }

  setRole(rawName: string, role: Role): UserInfo {
    const name = this.#existing(rawName)
    const archive = this.#db()
    archive.transaction(() => {
      if (role !== 'admin') this.#keepAnAdmin(name)
      db.setUserRole(archive, name, role)
    })()
    return this.#info(name)
  }

  remove(rawName: string): UserInfo {
    const name = this.#existing(rawName)
    const info = this.#info(name)
    const archive = this.#db()
    archive.transaction(() => {
      this.#keepAnAdmin(name)
      db.deleteUser(archive, name)
    })()
    return info
  }

  /** The token is returned once and kept only as its hash. */
  createToken(rawName: string, role: TokenRole): { name: string; role: TokenRole; token: string } {
    const name = this.#existing(rawName)
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url')
    db.insertToken(this.#db(), { tokenHash: sha256(token), user: name, role }, iso(Date.now()))
    return { name, role, token }
  }

  /**
   * Wrong password, unknown name and malformed name get the same answer after the same work (an
   * unknown name is checked against a dummy hash of the same cost), and count against the name
   * and the address alike, so neither the answer nor its time tells whether the name exists.
   */
  async signIn(rawName: unknown, password: unknown, address: string): Promise<SignedIn> {
    const typed = typeof rawName === 'string' ? rawName : ''
    const name = canonicalName(typed.slice(0, 256))
    const keys = [`name:${name ?? typed.slice(0, 256)}`, `addr:${address}`]
    const wait = this.#throttle.waitMs(keys)
    if (wait > 0) throw new LecternError('too-many-attempts', { seconds: Math.ceil(wait / 1000) })
    const pw = typeof password === 'string' && password.length <= MAX_PASSWORD ? password : ''
    // Awaited on both paths, so that the first sign-in of a known name is not the quicker one.
    const dummy = await this.#dummyHash()
    const user = name ? db.getUser(this.#db(), name) : null
    const ok = await verifyPassword(pw, user?.password_hash ?? dummy)
    if (!ok || !user || pw === '') {
      this.#throttle.fail(keys)
      throw new LecternError('sign-in-failed')
    }
    this.#throttle.forget(keys[0] as string)
    const sessionId = randomBytes(32).toString('base64url')
    const now = Date.now()
    const archive = this.#db()
    db.deleteExpiredSessions(archive, iso(now))
    db.insertSession(
      archive,
      { idHash: sha256(sessionId), user: user.name, expires: iso(now + this.#sessionMs) },
      iso(now),
    )
    db.touchUser(archive, user.name, iso(now))
    return {
      sessionId,
      name: user.name,
      role: user.role,
      maxAge: Math.floor(this.#sessionMs / 1000),
    }
  }

  signOut(sessionId: string): void {
    db.deleteSession(this.#db(), sha256(sessionId))
  }

  sessionCaller(sessionId: string): Caller | null {
    const user = db.sessionUser(this.#db(), sha256(sessionId), iso(Date.now()))
    if (!user) return null
    this.#touch(`user:${user.name}`, (now) => db.touchUser(this.#db(), user.name, now))
    return { owner: user.name, role: user.role, account: true }
  }

  tokenCaller(token: string): Caller | null {
    if (!token.startsWith(TOKEN_PREFIX)) return null
    const archive = this.#db()
    const found = db.tokenUser(archive, sha256(token))
    if (!found) return null
    this.#touch(`token:${found.id}`, (now) => {
      db.touchToken(archive, found.id, now)
      db.touchUser(archive, found.name, now)
    })
    const role = roleAllows(found.userRole, found.tokenRole) ? found.tokenRole : found.userRole
    return { owner: found.name, role, account: true }
  }

  #touch(key: string, write: (now: string) => void): void {
    const now = Date.now()
    if (now - (this.#seen.get(key) ?? 0) < 60_000) return
    if (this.#seen.size > 10_000) this.#seen.clear()
    this.#seen.set(key, now)
    write(iso(now))
  }

  #validName(raw: string): string {
    const name = canonicalName(raw)
    if (!name) throw new LecternError('bad-user-name', { name: raw.slice(0, 80) })
    return name
  }

  #existing(raw: string): string {
    const name = canonicalName(raw)
    if (!name || !db.getUser(this.#db(), name)) {
      throw new LecternError('no-such-user', { name: (name ?? raw).slice(0, 80) })
    }
    return name
  }

  #info(name: string): UserInfo {
    return db.userInfo(this.#db(), name) as UserInfo
  }

  #keepAnAdmin(name: string): void {
    const archive = this.#db()
    if (db.getUser(archive, name)?.role === 'admin' && db.countAdmins(archive) === 1) {
      throw new LecternError('last-admin')
    }
  }

  #hash(password: string): Promise<string> {
    if (password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
      throw new LecternError('weak-password', { min: MIN_PASSWORD, max: MAX_PASSWORD })
    }
    return hashPassword(password, this.#cost)
  }

  /** A hash of nothing anyone knows, at this server's cost: what an unknown name is checked
   * against, so that it takes as long as a known one. */
  #dummyHash(): Promise<string> {
    this.#dummy ??= hashPassword(randomBytes(16).toString('hex'), this.#cost)
    return this.#dummy
  }
}
