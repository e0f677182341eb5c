import { normalizeText } from '../text/normalize'
import { plainText } from '../text/plain'
import { SOURCE_LINK, lastLine, withoutSourceLine } from '../text/source-line'

/**
 * The words that decide whether two articles tell one story: the body as a reader sees it
 * (Markdown syntax and link targets gone), without the trailing source line (`[qq](https://…)`
 * names the outlet, which is exactly what differs between reprints), folded by the index
 * normaliser so a Traditional reprint reads like its Simplified original. The title is left
 * out on purpose: reprints retitle.
 */
export function storyText(markdown: string): string {
  return storyTextOf(markdown, normalizeText(plainText(markdown)))
}

/**
 * storyText from the folded plain text the importer made for the search index already
 * (`normalizeText(plainText(markdown))`): lexing and folding again cost a third of clustering.
 * The source line's words are its label, at the very end; when they are not found there as
 * such (a label with Markdown or entities in it) the body is read again without the line.
 */
export function storyTextOf(markdown: string, folded: string): string {
  const m = SOURCE_LINK.exec(lastLine(markdown.trimEnd()))
  if (m === null) return folded
  const label = normalizeText(m[1]!.trim())
  if (folded.endsWith(label)) return folded.slice(0, folded.length - label.length).trimEnd()
  return normalizeText(plainText(withoutSourceLine(markdown)))
}
