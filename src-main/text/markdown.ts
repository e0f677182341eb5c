import { Lexer, Marked, Tokenizer, type Token, type Tokens } from 'marked'

// One Markdown lexer for the main process, with the reader's settings
// (src-renderer/lib/markdown.ts): what the index reads as text, and what the importer reads as a
// picture, is what the reader shows.
const md = new Marked({ gfm: true, breaks: false, async: false })

// Inline runs in which marked finds nothing but text: none of the characters any inline rule
// starts with (escape \, tags and autolinks <, links [ and ![, emphasis * _, code `, strike ~,
// entities &, URLs and e-mail addresses :// www. @) and no hard break (two spaces, newline). A
// colon alone starts nothing: a URL needs `://` after its scheme, and `mailto:` and `xmpp:` an @.
// Most Chinese paragraphs are such runs; they are half of marked's work on a news archive, and
// import speed must not fall when the index reads tokens. The result is identical to marked's
// own (markdown.test.ts compares the tokens on real articles).
const INLINE_SYNTAX = /[\\<![*_`~&@]|www\.|:\/\/| {2}\n/

// Two block rules marked tries at the start of every paragraph, by regular expressions that walk
// the whole paragraph before they fail: a setext heading (a line of = or - under the text) and a
// table (a delimiter row under the first line). In news they almost never match, and trying them
// was a fifth of marked's work on the news corpus. Each is tried only where a cheap test finds
// what its expression cannot match without; the test never says no where marked would say yes
// (see each one), so the tokens stay marked's own (markdown.test.ts compares them, also on
// generated tricky blocks). marked has no option for this, so it is a subclass of its tokenizer.
class QuickTokenizer extends Tokenizer {
  override lheading(src: string): Tokens.Heading | undefined {
    return mayBeSetext(src) ? super.lheading(src) : undefined
  }

  override table(src: string): Tokens.Table | undefined {
    return mayBeTable(src) ? super.table(src) : undefined
  }
}

const SPACE = /\s/

/**
 * Whether a setext underline may follow in this paragraph. marked's expression is the text,
 * then `\n {0,3}(=+|-+)`; the text may hold a newline only if no blank line (only `\s`, up to
 * another newline) follows it. So before its first blank line the paragraph must have a newline
 * followed by at most three spaces and = or -.
 */
export function mayBeSetext(src: string): boolean {
  for (let nl = src.indexOf('\n'); nl !== -1; nl = src.indexOf('\n', nl + 1)) {
    let at = nl + 1
    while (at < nl + 4 && src.charCodeAt(at) === 32) at++
    const c = src.charCodeAt(at)
    if (c === 61 || c === 45) return true
    for (let k = nl + 1; k < src.length; k++) {
      if (src.charCodeAt(k) === 10) return false
      if (!SPACE.test(src[k]!)) break
    }
  }
  return false
}

/**
 * Whether a table may start here. marked's expression is a header line without a newline in
 * it, a newline, then a delimiter row: at most three spaces and `|`, `:` or `-`.
 */
export function mayBeTable(src: string): boolean {
  const nl = src.indexOf('\n')
  if (nl === -1) return false
  let at = nl + 1
  while (at < nl + 4 && src.charCodeAt(at) === 32) at++
  const c = src.charCodeAt(at)
  return c === 124 || c === 58 || c === 45
}

const options = { ...md.defaults, tokenizer: new QuickTokenizer() }

/** marked's tokens for an article, exactly as `marked.lexer` makes them; never throws. */
export function lexMarkdown(markdown: string): Token[] {
  try {
    // Lexer.lex, with the inline pass skipped where it cannot find anything
    const lexer = new Lexer(options)
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
