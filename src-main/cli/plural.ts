/** `1 article`, `2 articles`: the CLI speaks English only (the app's messages use
 * Intl.PluralRules; here one rule is all there is). */
export const plural = (n: number, one: string, many = `${one}s`): string =>
  `${n} ${n === 1 ? one : many}`
