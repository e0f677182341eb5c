import type { Messages, Plural } from './en'

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

/** A message's text in `language` with its `{name}` parameters filled in (one left as it is when
 * not given): what t() shows, apart from the settings store that says the language. */
export function messageText(
  entry: Messages[keyof Messages],
  params: Record<string, string | number>,
  language: string,
): string {
  const text = typeof entry === 'string' ? entry : entry[pluralForm(language, params)]
  return text.replace(/\{(\w+)\}/g, (m, name: string) =>
    name in params ? String(params[name]) : m,
  )
}
