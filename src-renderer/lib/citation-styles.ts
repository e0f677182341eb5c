// The citation styles as their users know them: the same names in every language.
import type { CitationStyle } from '../../src-main/shared/annotations'

export const STYLE_NAMES: Record<CitationStyle, string> = {
  apa: 'APA 7',
  chicago: 'Chicago',
  mla: 'MLA 9',
  gb7714: 'GB/T 7714-2015',
}
