// The readable text of a Markdown article: what search indexes and what snippets quote. Link
// targets, image URLs, HTML tags and Markdown punctuation are not words anyone searches for, and
// indexing them would make `https` or `gtimg` match every article.

const RULES: [RegExp, string][] = [
  [/```[^\n]*\n([\s\S]*?)```/g, '$1'], // fenced code: keep the code, drop the fences
  [/!\[([^\]]*)\]\([^)]*\)/g, '$1'], // images: alt text only
  [/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1'], // links: text only
  [/^\s{0,3}\[[^\]]+\]:\s*\S+.*$/gm, ''], // reference definitions
  [/<(?:https?|mailto):[^>\s]+>/g, ''], // autolinks
  [/<!--[\s\S]*?-->/g, ''], // HTML comments
  [/<\/?[a-zA-Z][^>]*>/g, ' '], // HTML tags
  [/data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+/g, ''], // inline base64 blobs
  [/^\s{0,3}#{1,6}\s+/gm, ''], // ATX heading marks
  [/^\s{0,3}>\s?/gm, ''], // blockquote marks
  [/^\s*(?:[-*+]|\d+[.)])\s+/gm, ''], // list markers
  [/^\s{0,3}(?:[-*_]\s*){3,}$/gm, ''], // thematic breaks
  [/^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/gm, ''], // table delimiter rows
  [/(\*\*|__|~~|`)/g, ''], // emphasis and code marks (single * and _ are left: they occur in words)
  [/&nbsp;/g, ' '],
  [/&amp;/g, '&'],
  [/&lt;/g, '<'],
  [/&gt;/g, '>'],
  [/&quot;/g, '"'],
  [/&#39;/g, "'"],
]

export function plainText(markdown: string): string {
  let s = markdown
  for (const [re, to] of RULES) s = s.replace(re, to)
  return s
}
