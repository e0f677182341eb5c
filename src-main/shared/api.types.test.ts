// Type-level tests, checked by `tsc --noEmit` (npm run lint): each `@ts-expect-error` line must
// fail to compile, or tsc reports the directive as unused. They show that a request type and its
// validator cannot drift apart. The runtime tests below pin what the validators then do.
import { describe, expect, it } from 'vitest'
import { argChecks, type ChecksMatch } from './api'
import { int, obj, oneOf, optional, str } from './validate'
import { LecternError } from './errors'

const search = {
  query: str,
  limit: optional(int(1, 1000)),
  offset: optional(int(0, 10_000_000)),
  sort: optional(oneOf('relevance', 'newest', 'oldest')),
}

// The table as it is compiles.
export const same: ChecksMatch<typeof argChecks> = argChecks

// A field added to the validator and not to SearchRequest:
const extraField = { ...argChecks, search: obj({ ...search, colour: str }) }
// @ts-expect-error the validator accepts a field the request type does not have
export const extra: ChecksMatch<typeof extraField> = extraField

// A field of SearchRequest the validator forgets (it would be silently dropped):
const { sort: _sort, ...withoutSort } = search
const missingField = { ...argChecks, search: obj(withoutSort) }
// @ts-expect-error the request type has `sort`, the validator does not
export const missing: ChecksMatch<typeof missingField> = missingField

// Optional on one side, required on the other:
const requiredLimit = { ...argChecks, search: obj({ ...search, limit: int(1, 1000) }) }
// @ts-expect-error `limit` is optional in SearchRequest
export const required: ChecksMatch<typeof requiredLimit> = requiredLimit

// A narrower or wider value type:
const anySort = { ...argChecks, search: obj({ ...search, sort: optional(str) }) }
// @ts-expect-error `sort` is one of three words, not any string
export const wider: ChecksMatch<typeof anySort> = anySort

describe('the validators', () => {
  it('refuse what the request types do not declare, with a code and where', () => {
    const refuse = (check: () => unknown) => {
      try {
        check()
      } catch (e) {
        return e instanceof LecternError ? e.problem : e
      }
      return null
    }
    expect(refuse(() => argChecks.search({ query: 'x', colour: 'red' }, 'search'))).toEqual({
      code: 'bad-arguments',
      params: { at: 'search.colour', rule: 'unknown-key' },
    })
    expect(argChecks.search({ query: 'x', limit: null }, 'search')).toEqual({ query: 'x' })
  })
})
