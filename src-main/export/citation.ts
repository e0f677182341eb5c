import { cite, defaultLocale } from '../cite/citations'
import { cslItem, type CslItem } from '../cite/csl-item'
import { referenceFacts } from '../db/references'
import type { Archive } from '../db/open'
import type { Article } from '../shared/types'
import { escapeHtml } from './render'

/**
 * The citation printed under each article in HTML, EPUB and PDF exports: the citations work's
 * CSL engine (citeproc-js), GB/T 7714 for Chinese articles and APA for the others, from the
 * article as the user sees it (their edits included). Plain text, escaped, so it is valid in
 * both HTML and EPUB's XHTML.
 */
export async function citationForExport(db: Archive, a: Article): Promise<string> {
  const item = shownItem(db, a)
  if (!item) return ''
  const style = a.lang?.toLowerCase().startsWith('zh') ? 'gb7714' : 'apa'
  const c = await cite([item], style, defaultLocale(style))
  const text = c.entries[0]?.text.trim()
  return text ? `<p class="citation">${escapeHtml(text)}</p>` : ''
}

/** The article as a CSL item, with the user's edits over the imported values. */
export function shownItem(db: Archive, a: Article): CslItem | null {
  const facts = referenceFacts(db, [a.id])[0]
  if (!facts) return null
  const { title, date, lang, author, sourceUrl, sourceName } = a
  return cslItem({ ...facts, title, date, lang, author, sourceUrl, sourceName })
}
