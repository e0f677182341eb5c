import { argChecks, isMethod, type LecternApi, type Reply } from '../shared/api'
import { ValidationError } from '../shared/validate'
import { ArchiveError } from '../db/errors'

export type Dispatch = (method: unknown, args: unknown) => Promise<Reply>

/** The one door into the service for every transport: unknown methods and bad arguments are
 * refused before any code of the service runs; failures come back as values. */
export function createDispatcher(service: LecternApi): Dispatch {
  return async (method, args) => {
    if (!isMethod(method)) {
      return {
        ok: false,
        error: { code: 'unknown-method', message: `Unknown method ${String(method)}` },
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

export function toWireError(e: unknown): { code: string; message: string } {
  if (e instanceof ValidationError) return { code: 'bad-arguments', message: e.message }
  if (e instanceof ArchiveError) return { code: e.code, message: e.message }
  if (e instanceof UserError) return { code: e.code, message: e.message }
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) }
}

/** A refusal the user should read as is (read-only server, import already running, …). */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}
