// Tiny runtime checks for arguments that arrive over IPC or HTTP: the contract's types are only
// promises until something checks them at the boundary.

export class ValidationError extends Error {
  override name = 'ValidationError'
}

export type Check<T> = (value: unknown, at: string) => T

export const str: Check<string> = (v, at) => {
  if (typeof v !== 'string') throw new ValidationError(`${at} must be a string`)
  return v
}

export const int =
  (min: number, max: number): Check<number> =>
  (v, at) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new ValidationError(`${at} must be a whole number from ${min} to ${max}`)
    }
    return v
  }

export const bool: Check<boolean> = (v, at) => {
  if (typeof v !== 'boolean') throw new ValidationError(`${at} must be true or false`)
  return v
}

export const oneOf =
  <T extends string>(...options: T[]): Check<T> =>
  (v, at) => {
    if (typeof v !== 'string' || !(options as string[]).includes(v)) {
      throw new ValidationError(`${at} must be one of ${options.join(', ')}`)
    }
    return v as T
  }

export const list =
  <T>(item: Check<T>, max = 1000): Check<T[]> =>
  (v, at) => {
    if (!Array.isArray(v) || v.length > max) throw new ValidationError(`${at} must be a list`)
    return v.map((x, i) => item(x, `${at}[${i}]`))
  }

export const optional =
  <T>(check: Check<T>): Check<T | undefined> =>
  (v, at) =>
    v === undefined || v === null ? undefined : check(v, at)

type Shape = Record<string, Check<unknown>>
export type Checked<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> }

/** An object with exactly these keys (unknown keys are refused, not ignored). */
export const obj =
  <S extends Shape>(shape: S): Check<Checked<S>> =>
  (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw new ValidationError(`${at} must be an object`)
    }
    const rec = v as Record<string, unknown>
    for (const k of Object.keys(rec)) {
      if (!(k in shape)) throw new ValidationError(`${at}.${k} is not a known argument`)
    }
    const out: Record<string, unknown> = {}
    for (const [k, check] of Object.entries(shape)) {
      const value = check(rec[k], `${at}.${k}`)
      if (value !== undefined) out[k] = value
    }
    return out as Checked<S>
  }
