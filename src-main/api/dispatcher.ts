import { argChecks, isMethod, methodRoles, type LecternService, type Reply } from '../shared/api'
import { localCaller, roleAllows, type Caller } from '../shared/auth'
import { internalError, LecternError, wireError, type WireError } from '../shared/errors'

/**
 * One call: `caller` is who the transport says it comes from; `null` means nobody signed in
 * (answered `unauthenticated`), left out means the dispatcher's own local user (desktop, CLI).
 */
export type Dispatch = (method: unknown, args: unknown, caller?: Caller | null) => Promise<Reply>

export interface DispatcherOptions {
  /** Who a call without a caller is. Default: the single local user as admin (the desktop, the
   * CLI). `lectern serve` says reader when read-only, and `null` when it has accounts, so that a
   * transport that forgot to say who is calling is refused rather than trusted. */
  local?: Caller | null
}

/** The one door into the service for every transport: unknown methods, callers without the
 * method's role and bad arguments are refused before any code of the service runs; failures
 * come back as values. */
export function createDispatcher(service: LecternService, opts: DispatcherOptions = {}): Dispatch {
  const local = opts.local === undefined ? localCaller() : opts.local
  return async (method, args, caller) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: wireError({ code: 'unknown-method', params: { method: String(method) } }),
      }
    }
    try {
      const who = caller !== undefined ? caller : local
      if (!who) return { ok: false, error: wireError({ code: 'unauthenticated' }) }
      if (!roleAllows(who.role, methodRoles[method])) {
        return { ok: false, error: wireError({ code: 'forbidden' }) }
      }
      const checked = argChecks[method](args, method)
      const fn = service[method] as (a: unknown, c: Caller) => unknown
      const value = await fn.call(service, checked, who)
      return { ok: true, value: value ?? null }
    } catch (e) {
      return { ok: false, error: toWireError(e) }
    }
  }
}

/** Classified by class, never by message: a `LecternError` keeps its code (validation errors
 * included); anything else is a fault in Lectern, logged here and shown as `internal`. */
export function toWireError(e: unknown): WireError {
  if (e instanceof LecternError) return e.toWire()
  console.error('lectern: internal error', e)
  return internalError()
}
