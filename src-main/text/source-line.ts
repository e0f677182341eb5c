// The source line many scraped articles end with: `[qq](https://new.qq.com/...)`. The importer
// reads the outlet from it; story clusters leave it out (it names the outlet, which is exactly
// what differs between copies of one story).

// `[name](https://...)`, optionally `(<https://...>)` or with a link title; one level of
// parentheses inside the URL so Wikipedia-style links survive.
export const SOURCE_LINK =
  /^\s*\[([^\]]*)\]\(\s*<?(https?:\/\/(?:[^\s()<>]|\([^\s()]*\))+)>?(?:\s+"[^"]*")?\s*\)\s*$/i

/** The last line that is not blank ('' when there is none). Read from the end: a body is
 * thousands of characters and only its end matters (splitting it all was ~9 µs an article). */
export function lastLine(body: string): string {
  let end = body.length
  while (end > 0) {
    const start = body.lastIndexOf('\n', end - 1) + 1
    const line = body.slice(start, end)
    if (line.trim() !== '') return line
    end = start - 1
  }
  return ''
}

/** The body without its trailing source line, when it has one. */
export function withoutSourceLine(body: string): string {
  const trimmed = body.trimEnd()
  const last = lastLine(trimmed)
  return SOURCE_LINK.test(last) ? trimmed.slice(0, trimmed.length - last.length) : body
}
