import { argChecks, isMethod, type LecternApi, type Reply } from '../shared/api'
import { internalError, LecternError, wireError, type WireError } from '../shared/errors'

export type Dispatch = (method: unknown, args: unknown) => Promise<Reply>

/** The one door into the service for every transport: unknown methods and bad arguments are
 * refused before any code of the service runs; failures come back as values. */
export function createDispatcher(service: LecternApi): Dispatch {
  return async (method, args) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: wireError({ code: 'unknown-method', params: { method: String(method) } }),
      }
    }
    try {
      const checked = argChecks[method](args, method)
      const fn = service[method] as (a: unknown) => unknown
      const value = await fn.call(service, checked)
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
