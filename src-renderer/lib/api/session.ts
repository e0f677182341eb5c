import type { Reply } from '../../../src-main/shared/api'
import type { Role } from '../../../src-main/shared/auth'
import { wireError } from '../../../src-main/shared/errors'
import { HTTP_LOGIN, HTTP_LOGOUT } from '../../../src-main/shared/wire'

// Signing in and out of a shared `lectern serve`. Not contract methods: they exist only over
// HTTP, where the server answers with the session cookie (HttpOnly, so this page never sees it).

export async function signIn(
  name: string,
  password: string,
): Promise<Reply<{ name: string; role: Role }>> {
  try {
    const res = await fetch(HTTP_LOGIN, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    })
    if (res.headers.get('content-type')?.startsWith('application/json')) {
      return (await res.json()) as Reply<{ name: string; role: Role }>
    }
    return {
      ok: false,
      error: wireError({ code: 'server-status', params: { status: res.status } }),
    }
  } catch {
    return { ok: false, error: wireError({ code: 'unreachable' }) }
  }
}

export async function signOut(): Promise<void> {
  await fetch(HTTP_LOGOUT, { method: 'POST' }).catch(() => undefined)
}
