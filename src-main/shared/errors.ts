// Errors that cross the contract: a code from `ErrorCode`, its parameters, and an English message
// for logs and the CLI. The UI never shows `message`; it translates the code.
import { describeEn } from './messages-en'
import { problem, type ErrorCode, type Problem, type ProblemParams } from './problems'

export type { ErrorCode, ErrorParams } from './problems'

/** A failed call's error, as the wire carries it. */
export type WireError<C extends ErrorCode = ErrorCode> = Problem<C> & { message: string }

/** The one error class that carries a code: thrown anywhere in the main process (or by the
 * contract's validators), turned into a `WireError` by the dispatcher, printed by the CLI. */
export class LecternError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'LecternError'
  readonly problem: Problem<C>

  constructor(code: C, ...params: keyof ProblemParams[C] extends never ? [] : [ProblemParams[C]]) {
    const p = problem(code, ...params)
    super(describeEn(p as Problem))
    this.problem = p
  }

  get code(): C {
    return this.problem.code as C
  }

  toWire(): WireError<C> {
    return { ...this.problem, message: this.message }
  }
}

/** The error a call ends with when the fault is Lectern's: no internals leak to the caller. */
export function internalError(): WireError<'internal'> {
  return { code: 'internal', message: describeEn({ code: 'internal' }) }
}

/** A wire error's English message, built here so a server and a client agree on the wording. */
export function wireError<C extends ErrorCode>(p: Problem<C>): WireError<C> {
  return { ...p, message: describeEn(p as Problem) }
}
