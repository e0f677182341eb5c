// Tiny runtime checks for arguments that arrive over IPC or HTTP: the contract's types are only
// promises until something checks them at the boundary.

import { LecternError } from './errors'
import type { ArgRule } from './problems'

/** A refused argument: code `bad-arguments`, with where (`search.limit`) and which rule. */
export class ValidationError extends LecternError<'bad-arguments'> {
  override name = 'ValidationError'
  constructor(at: string, rule: ArgRule) {
    super('bad-arguments', { at, ...rule })
  }
}

export type Check<T> = (value: unknown, at: string) => T

export const str: Check<string> = (v, at) => {
  if (typeof v !== 'string') throw new ValidationError(at, { rule: 'string' })
  return v
}

export const int =
  (min: number, max: number): Check<number> =>
  (v, at) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new ValidationError(at, { rule: 'whole-number', min, max })
    }
    return v
  }

export const bool: Check<boolean> = (v, at) => {
  if (typeof v !== 'boolean') throw new ValidationError(at, { rule: 'boolean' })
  return v
}

export const oneOf =
  <T extends string>(...options: T[]): Check<T> =>
  (v, at) => {
    if (typeof v !== 'string' || !(options as string[]).includes(v)) {
      throw new ValidationError(at, { rule: 'one-of', options })
    }
    return v as T
  }

export const list =
  <T>(item: Check<T>, max = 1000): Check<T[]> =>
  (v, at) => {
    if (!Array.isArray(v) || v.length > max) throw new ValidationError(at, { rule: 'list', max })
    return v.map((x, i) => item(x, `${at}[${i}]`))
  }

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, at) =>
    v === undefined || v === null ? undefined : check(v, at)

type Shape = Record<string, Check<unknown>>
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: undefined extends ReturnType<S[K]> ? K : never
}[keyof S]
/** What `obj(shape)` returns: a key whose check allows undefined is optional (`limit?: number`),
 * so the result can be compared exactly with the request types the contract declares. */
export type Checked<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: ReturnType<S[K]>
} & { [K in OptionalKeys<S>]?: Exclude<ReturnType<S[K]>, undefined> } extends infer T
  ? { [K in keyof T]: T[K] }
  : never

/** True only when A and B are the same type (optional keys and `readonly` included). */
export type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** An object with exactly these keys (unknown keys are refused, not ignored). */
export const obj =
  <S extends Shape>(shape: S): Check<Checked<S>> =>
  (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new ValidationError(at, { rule: 'object' })
    }
    const rec = v as Record<string, unknown>
    for (const k of Object.keys(rec)) {
      if (!(k in shape)) throw new ValidationError(`${at}.${k}`, { rule: 'unknown-key' })
    }
    const out: Record<string, unknown> = {}
    for (const [k, check] of Object.entries(shape)) {
      const value = check(rec[k], `${at}.${k}`)
      if (value !== undefined) out[k] = value
    }
    return out as Checked<S>
  }
