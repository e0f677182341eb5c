import { normalizeText } from '../text/normalize'
import { plainText } from '../text/plain'
import { withoutSourceLine } from '../text/source-line'

/**
 * The words that decide whether two articles tell one story: the body as a reader sees it
 * (Markdown syntax and link targets gone), without the trailing source line (`[qq](https://…)`
 * names the outlet, which is exactly what differs between reprints), folded by the index
 * normaliser so a Traditional reprint reads like its Simplified original. The title is left
 * out on purpose: reprints retitle.
 */
export function storyText(markdown: string): string {
  return normalizeText(plainText(withoutSourceLine(markdown)))
}
