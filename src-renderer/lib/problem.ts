import type { Problem } from '../../src-main/shared/problems'
import { ApiError } from './api/client'

/** What went wrong, as a code the UI can translate: a failed call keeps the archive's code;
 * anything else is a fault in the app itself (logged, shown as `internal`). */
export function problemOf(e: unknown): Problem {
  if (e instanceof ApiError) return e.error
  console.error(e)
  return { code: 'internal' }
}
