import type { Plural } from './en'

const rules = new Map<string, Intl.PluralRules>()

/** Which form of a plural message (see `Plural` in en.ts) the count in `params` takes in
 * `language`: `n`, else `total`. The count may come already formatted ("2,098"): its digits are
 * what count. */
export function pluralForm(
  language: string,
  params: Record<string, string | number>,
): keyof Plural {
  const raw = params.n ?? params.total
  if (raw === undefined) return 'other'
  const n = typeof raw === 'number' ? raw : Number(String(raw).replace(/[^\d.]/g, ''))
  let r = rules.get(language)
  if (!r) rules.set(language, (r = new Intl.PluralRules(language)))
  return r.select(n) === 'one' ? 'one' : 'other'
}
