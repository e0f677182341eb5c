import { Marked, type Token } from 'marked'

// One Markdown lexer for the main process, with the reader's settings
// (src-renderer/lib/markdown.ts): what the index reads as text, and what the importer reads as a
// picture, is what the reader shows.
const md = new Marked({ gfm: true, breaks: false, async: false })

/** marked's tokens for an article; never throws (a lexer bug costs the text, not the import). */
export function lexMarkdown(markdown: string): Token[] {
  try {
    return md.lexer(markdown)
  } catch {
    return [{ type: 'text', raw: markdown, text: markdown }]
  }
}

/** Calls `visit` on every token, children included, in document order. */
export function walkMarkdown(tokens: Token[], visit: (t: Token) => void): void {
  md.walkTokens(tokens, visit)
}
