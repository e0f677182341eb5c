// The readable text of a Markdown article: what search indexes and what snippets quote, so a
// match found by the index is always there to mark. Link targets, image URLs, HTML tags and
// Markdown punctuation are not words anyone searches for; indexing them would make `https` or
// `gtimg` match every article.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}
// tags that separate words when rendered; any other tag (b, a, span…) sits inside a word
const BLOCK_TAG = /^<\/?(br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|hr|img|figure)\b/i
const CJK_EDGE =
  /[\u3000-\u303f\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/

function decodeEntity(m: string, body: string): string {
  if (body[0] === '#') {
    const hex = body[1] === 'x' || body[1] === 'X'
    const cp = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10)
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)
      ? String.fromCodePoint(cp)
      : m
  }
  return ENTITIES[body.toLowerCase()] ?? m
}

/** The most obvious Markdown syntax removed and whitespace collapsed; fast, not a full parser. */
export function plainText(md: string): string {
  // line patterns use [ \t], not \s: with /m, ^\s* would swallow the blank line before them
  return (
    md
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // code and styles of embedded HTML are not the article's words
      .replace(/<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/^[ \t]*(```|~~~).*$/gm, ' ')
      // inline base64 images can be 100 KB of letters that nobody searches for
      .replace(/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/g, '')
      // images keep their alt text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/^[ \t]{0,3}\[[^\]]+\]:[ \t]+\S.*$/gm, ' ')
      .replace(/<(?:https?|mailto):[^>\s]+>/g, ' ')
      .replace(/<\/?[a-zA-Z][^<>]*>/g, (tag) => (BLOCK_TAG.test(tag) ? ' ' : ''))
      .replace(/^[ \t]{0,3}#{1,6}([ \t]+|$)/gm, '')
      .replace(/^[ \t]*(>[ \t]?)+/gm, '')
      .replace(/^[ \t]*([-*_][ \t]*){3,}$/gm, ' ')
      .replace(/^[ \t]*([-*+]|\d{1,9}[.)])[ \t]+/gm, '')
      .replace(/^[ \t]*\|?([ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(:?-{3,}:?)?[ \t]*$/gm, ' ')
      .replace(/\*\*|__|~~|[*`]/g, '')
      .replace(/\|/g, ' ')
      .replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});/g, decodeEntity)
      // a soft line break inside Chinese text is not a space: 中文\n继续 reads 中文继续
      .replace(/\s+/g, (ws: string, at: number, all: string) =>
        /^[^\n]*\n[^\n]*$/.test(ws) &&
        CJK_EDGE.test(all[at - 1] ?? '') &&
        CJK_EDGE.test(all[at + ws.length] ?? '')
          ? ''
          : ' ',
      )
      .trim()
  )
}
