import { Lexer, Marked, type Token } from 'marked'

// One Markdown lexer for the main process, with the reader's settings
// (src-renderer/lib/markdown.ts): what the index reads as text, and what the importer reads as a
// picture, is what the reader shows.
const md = new Marked({ gfm: true, breaks: false, async: false })

// Inline runs in which marked finds nothing but text: none of the characters any inline rule
// starts with (escape \, tags and autolinks <, links [ and ![, emphasis * _, code `, strike ~,
// entities &, URLs and e-mail addresses : www. @) and no hard break (two spaces, newline).
// Most Chinese paragraphs are such runs; they are half of marked's work on a news archive, and
// import speed must not fall when the index reads tokens. The result is identical to marked's
// own (markdown.test.ts compares the tokens on real articles).
const INLINE_SYNTAX = /[\\<![*_`~&:@]|www\.| {2}\n/

/** marked's tokens for an article, exactly as `marked.lexer` makes them; never throws. */
export function lexMarkdown(markdown: string): Token[] {
  try {
    // Lexer.lex, with the inline pass skipped where it cannot find anything
    const lexer = new Lexer(md.defaults)
    const tokens = lexer.blockTokens(markdown.replace(/\r\n|\r/g, '\n'), lexer.tokens)
    for (const run of lexer.inlineQueue) {
      lexer.state.inRawBlock = false
      if (INLINE_SYNTAX.test(run.src)) lexer.inlineTokens(run.src, run.tokens)
      else if (run.src !== '') {
        run.tokens.push({ type: 'text', raw: run.src, text: run.src, escaped: false })
      }
    }
    lexer.inlineQueue = []
    return tokens
  } catch {
    // a lexer bug costs this article its structure, not the import
    return [{ type: 'text', raw: markdown, text: markdown }]
  }
}

/** The reference: marked's lexer as it is, for tests. */
export function lexMarkdownSlowly(markdown: string): Token[] {
  return md.lexer(markdown)
}

/** Calls `visit` on every token, children included, in document order. */
export function walkMarkdown(tokens: Token[], visit: (t: Token) => void): void {
  md.walkTokens(tokens, visit)
}
