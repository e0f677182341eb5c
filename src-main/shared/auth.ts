// Who is calling, and what they may do. The dispatcher checks each method's role (the table in
// api.ts) and hands the caller to the service, which keeps per-user data under `caller.owner`.

export const ROLES = ['reader', 'editor', 'admin'] as const
/** reader: search, read, their own notes; editor: also import, edit, fetch pictures; admin: also
 * accounts. Each role includes the ones before it. */
export type Role = (typeof ROLES)[number]

/** True when `have` includes `need` (an admin may do what an editor may, and so on). */
export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need)
}

/** The owner of the desktop's data, and of a server's without accounts: the archive's one local
 * user. An account named `local` on a server is that same user (its notes move with the archive). */
export const LOCAL_OWNER = 'local'

/** Who a call comes from. `owner` is the key of per-user data (highlights, notes, collections,
 * saved searches, reading status): a service method reads and writes only `caller.owner`'s rows. */
export interface Caller {
  owner: string
  role: Role
  /** True for a signed-in account (or its token), false for the single local user. */
  account: boolean
}

/** The single local user: admin, except where the archive is served read-only. */
export function localCaller(readOnly = false): Caller {
  return { owner: LOCAL_OWNER, role: readOnly ? 'reader' : 'admin', account: false }
}

/** What the top bar shows: who is signed in, and whether there are accounts at all. */
export interface Me {
  name: string
  role: Role
  /** False on the desktop and on a server without accounts: nobody to sign out. */
  accounts: boolean
}

/** One account, as `lectern users list --json` and the admin API show it. */
export interface UserInfo {
  name: string
  role: Role
  created: string
  /** Last sign-in or use (of the account or one of its tokens); null if never. */
  lastSeen: string | null
}

/** Tokens for scripts act for an account with at most this role (never admin). */
export const TOKEN_ROLES = ['reader', 'editor'] as const
export type TokenRole = (typeof TOKEN_ROLES)[number]

export const MIN_PASSWORD = 8
/** scrypt's cost grows with the input; a bound keeps one request from being made expensive. */
export const MAX_PASSWORD = 1024
