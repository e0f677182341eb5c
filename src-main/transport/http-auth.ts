import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Authenticator } from '../api/accounts'
import type { Caller } from '../shared/auth'
import { LecternError, wireError, type WireError } from '../shared/errors'

// Sign-in over HTTP: the session cookie, the bearer token, and the two endpoints that set and
// clear the cookie. What a session or a token is worth is the Authenticator's business.

/** Under TLS the `__Host-` prefix makes the browser refuse the cookie unless it is Secure, for
 * the whole site and set by this host only (no Domain), so a sibling host cannot plant one. */
export const cookieName = (tls: boolean) => (tls ? '__Host-lectern_session' : 'lectern_session')

export function cookieOf(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null
  }
  return null
}

export function sessionCookie(name: string, value: string, maxAge: number, tls: boolean): string {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAge}`,
    ...(tls ? ['Secure'] : []),
  ].join('; ')
}

function bearerOf(req: IncomingMessage): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')
  return m ? (m[1] as string) : null
}

/** Who sent the request: a bearer token (only where `bearer` is allowed: API calls), else the
 * session cookie; null when neither is good. A bad token is not rescued by a cookie. */
export function callerOf(
  req: IncomingMessage,
  auth: Authenticator,
  cookie: string,
  bearer: boolean,
): Caller | null {
  const token = bearer ? bearerOf(req) : null
  if (token) return auth.tokenCaller(token)
  const session = cookieOf(req, cookie)
  return session ? auth.sessionCaller(session) : null
}

/** The HTTP status of a failed call whose code says who may call: the rest stay 200 with the
 * error in the body, as before accounts. */
export function statusOf(error: WireError | undefined): number {
  switch (error?.code) {
    case 'unauthenticated':
    case 'sign-in-failed':
      return 401
    case 'forbidden':
      return 403
    case 'too-many-attempts':
      return 429
    default:
      return 200
  }
}

type SendJson = (res: ServerResponse, value: unknown, status?: number) => void

export async function login(
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
  auth: Authenticator,
  tls: boolean,
  sendJson: SendJson,
): Promise<Caller | null> {
  let parsed: unknown = null
  try {
    parsed = JSON.parse(body)
  } catch {
    // answered below as bad-request
  }
  if (!parsed || typeof parsed !== 'object') {
    sendJson(res, { ok: false, error: wireError({ code: 'bad-request' }) }, 400)
    return null
  }
  const creds = parsed as { name?: unknown; password?: unknown }
  try {
    const s = await auth.signIn(creds.name, creds.password, req.socket.remoteAddress ?? '')
    res.setHeader('set-cookie', sessionCookie(cookieName(tls), s.sessionId, s.maxAge, tls))
    sendJson(res, { ok: true, value: { name: s.name, role: s.role } })
    return { owner: s.name, role: s.role, account: true }
  } catch (e) {
    if (!(e instanceof LecternError)) throw e
    const error = e.toWire()
    if (error.code === 'too-many-attempts') res.setHeader('retry-after', error.params.seconds)
    sendJson(res, { ok: false, error }, statusOf(error))
    return null
  }
}

export function logout(
  req: IncomingMessage,
  res: ServerResponse,
  auth: Authenticator,
  tls: boolean,
  sendJson: SendJson,
): void {
  const name = cookieName(tls)
  const session = cookieOf(req, name)
  if (session) auth.signOut(session)
  res.setHeader('set-cookie', sessionCookie(name, '', 0, tls))
  sendJson(res, { ok: true, value: null })
}
