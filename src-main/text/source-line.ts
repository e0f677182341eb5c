// The source line many scraped articles end with: `[qq](https://new.qq.com/...)`. The importer
// reads the outlet from it; story clusters leave it out (it names the outlet, which is exactly
// what differs between copies of one story).

// `[name](https://...)`, optionally `(<https://...>)` or with a link title; one level of
// parentheses inside the URL so Wikipedia-style links survive.
export const SOURCE_LINK =
  /^\s*\[([^\]]*)\]\(\s*<?(https?:\/\/(?:[^\s()<>]|\([^\s()]*\))+)>?(?:\s+"[^"]*")?\s*\)\s*$/i

export const lastLine = (body: string): string =>
  body
    .split('\n')
    .filter((l) => l.trim() !== '')
    .pop() ?? ''

/** The body without its trailing source line, when it has one. */
export function withoutSourceLine(body: string): string {
  const trimmed = body.trimEnd()
  const last = lastLine(trimmed)
  return SOURCE_LINK.test(last) ? trimmed.slice(0, trimmed.length - last.length) : body
}
