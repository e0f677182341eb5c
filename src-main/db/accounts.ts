import { stmt } from './stmt'
import type { Archive } from './open'
import type { Role, TokenRole, UserInfo } from '../shared/auth'

// Accounts, sessions and tokens (migration 0008). Secrets arrive here already hashed.

export interface UserRow {
  name: string
  role: Role
  password_hash: string
  created_at: string
  last_seen_at: string | null
}

const toInfo = (r: UserRow): UserInfo => ({
  name: r.name,
  role: r.role,
  created: r.created_at,
  lastSeen: r.last_seen_at,
})

export function getUser(db: Archive, name: string): UserRow | null {
  return (stmt(db, `SELECT * FROM users WHERE name = ?`).get(name) as UserRow | undefined) ?? null
}

export function userInfo(db: Archive, name: string): UserInfo | null {
  const row = getUser(db, name)
  return row ? toInfo(row) : null
}

export function listUsers(db: Archive): UserInfo[] {
  return (stmt(db, `SELECT * FROM users ORDER BY name`).all() as UserRow[]).map(toInfo)
}

export function countUsers(db: Archive): number {
  return (stmt(db, `SELECT count(*) AS n FROM users`).get() as { n: number }).n
}

export function countAdmins(db: Archive): number {
  return (stmt(db, `SELECT count(*) AS n FROM users WHERE role = 'admin'`).get() as { n: number }).n
}

/** False when the name is taken. */
export function insertUser(
  db: Archive,
  u: { name: string; role: Role; passwordHash: string },
  now: string,
): boolean {
  const info = stmt(
    db,
    `INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
  ).run(u.name, u.role, u.passwordHash, now)
  return info.changes === 1
}

export function setUserPassword(db: Archive, name: string, passwordHash: string): boolean {
  return (
    stmt(db, `UPDATE users SET password_hash = ? WHERE name = ?`).run(passwordHash, name)
      .changes === 1
  )
}

export function setUserRole(db: Archive, name: string, role: Role): boolean {
  return stmt(db, `UPDATE users SET role = ? WHERE name = ?`).run(role, name).changes === 1
}

/** Removes the account; its sessions and tokens go with it (ON DELETE CASCADE). */
export function deleteUser(db: Archive, name: string): boolean {
  return stmt(db, `DELETE FROM users WHERE name = ?`).run(name).changes === 1
}

export function touchUser(db: Archive, name: string, now: string): void {
  stmt(db, `UPDATE users SET last_seen_at = ? WHERE name = ?`).run(now, name)
}

export function insertSession(
  db: Archive,
  s: { idHash: string; user: string; expires: string },
  now: string,
): void {
  stmt(
    db,
    `INSERT INTO sessions (id_hash, user_name, created_at, expires_at) VALUES (?, ?, ?, ?)`,
  ).run(s.idHash, s.user, now, s.expires)
}

/** The account a live session belongs to, with its current role (a role change applies at once). */
export function sessionUser(
  db: Archive,
  idHash: string,
  now: string,
): { name: string; role: Role } | null {
  const row = stmt(
    db,
    `SELECT u.name, u.role FROM sessions s JOIN users u ON u.name = s.user_name
     WHERE s.id_hash = ? AND s.expires_at > ?`,
  ).get(idHash, now) as { name: string; role: Role } | undefined
  return row ?? null
}

export function deleteSession(db: Archive, idHash: string): void {
  stmt(db, `DELETE FROM sessions WHERE id_hash = ?`).run(idHash)
}

export function deleteSessionsOf(db: Archive, user: string): void {
  stmt(db, `DELETE FROM sessions WHERE user_name = ?`).run(user)
}

export function deleteExpiredSessions(db: Archive, now: string): void {
  stmt(db, `DELETE FROM sessions WHERE expires_at <= ?`).run(now)
}

export function insertToken(
  db: Archive,
  t: { tokenHash: string; user: string; role: TokenRole },
  now: string,
): void {
  stmt(
    db,
    `INSERT INTO api_tokens (token_hash, user_name, role, created_at) VALUES (?, ?, ?, ?)`,
  ).run(t.tokenHash, t.user, t.role, now)
}

/** The account a token acts for, the token's own role and its account's current role. */
export function tokenUser(
  db: Archive,
  tokenHash: string,
): { id: number; name: string; tokenRole: TokenRole; userRole: Role } | null {
  const row = stmt(
    db,
    `SELECT t.id, u.name, t.role AS tokenRole, u.role AS userRole
     FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?`,
  ).get(tokenHash) as { id: number; name: string; tokenRole: TokenRole; userRole: Role } | undefined
  return row ?? null
}

export function touchToken(db: Archive, id: number, now: string): void {
  stmt(db, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(now, id)
}
