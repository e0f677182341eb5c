// The reader's highlights and note on the open article: loaded with it, changed through the
// service, a removal undoable for a while. Copy quote puts the text and its citation on the
// clipboard as plain text and HTML.
import { api } from '../api/client'
import type { ArticleNote, Highlight, HighlightColor } from '../../../src-main/shared/annotations'
import { settings } from './settings.svelte'
import { ui } from './ui.svelte'

export interface Selected {
  quote: string
  prefix: string
  suffix: string
  near: number
}

const UNDO_MS = 8000

export class ArticleAnnotations {
  #articleId = $state(0)
  #list = $state.raw<Highlight[]>([])
  #note = $state.raw<ArticleNote | null>(null)
  #removed = $state.raw<Highlight | null>(null)
  #seq = 0
  #undoTimer: ReturnType<typeof setTimeout> | undefined

  get list() {
    return this.#list
  }
  get note() {
    return this.#note
  }
  /** The highlight just removed, while it can still be brought back. */
  get removed() {
    return this.#removed
  }

  async load(articleId: number): Promise<void> {
    const seq = ++this.#seq
    if (this.#articleId !== articleId) {
      this.#list = []
      this.#note = null
    }
    this.#articleId = articleId
    const [list, note] = await Promise.all([
      api.highlights({ articleId }),
      api.articleNote({ articleId }),
    ])
    if (seq !== this.#seq) return
    this.#list = list
    this.#note = note
  }

  async #refresh() {
    if (this.#articleId) await this.load(this.#articleId)
  }

  async add(sel: Selected, color: HighlightColor = 'yellow'): Promise<Highlight | null> {
    try {
      const h = await api.addHighlight({
        articleId: this.#articleId,
        quote: sel.quote,
        selection: { prefix: sel.prefix, suffix: sel.suffix, near: sel.near },
        color,
      })
      await this.#refresh()
      return h
    } catch (e) {
      ui.report(e)
      return null
    }
  }

  async update(id: number, change: { note?: string; color?: HighlightColor }) {
    await api.updateHighlight({ id, ...change })
    await this.#refresh()
  }

  async remove(h: Highlight) {
    await api.removeHighlight({ id: h.id })
    this.#removed = h
    clearTimeout(this.#undoTimer)
    this.#undoTimer = setTimeout(() => (this.#removed = null), UNDO_MS)
    await this.#refresh()
  }

  /** Brings the removed highlight back where it was, with its colour and note. */
  async undo() {
    const h = this.#removed
    if (!h) return
    this.#removed = null
    await api.addHighlight({
      articleId: h.articleId,
      quote: h.quote,
      selection: { prefix: h.prefix, suffix: h.suffix, near: h.start },
      color: h.color,
      ...(h.note ? { note: h.note } : {}),
    })
    await this.#refresh()
  }

  async setNote(text: string) {
    this.#note = await api.setArticleNote({ articleId: this.#articleId, note: text })
  }

  /** The quote and its source, as text and HTML, on the clipboard. */
  async copyQuote(quote: string): Promise<boolean> {
    const c = await api.cite({
      ids: [this.#articleId],
      style: settings.citationStyle,
      locale: settings.citationLocale,
    })
    const entry = c.entries[0]
    const text = `“${quote}”\n— ${entry?.text.trim() ?? ''}`
    const html = `<blockquote>${escapeHtml(quote)}</blockquote>\n${entry?.html ?? ''}`
    try {
      await navigator.clipboard.write([
        new ClipboardItem({
          'text/plain': new Blob([text], { type: 'text/plain' }),
          'text/html': new Blob([html], { type: 'text/html' }),
        }),
      ])
      return true
    } catch {
      await navigator.clipboard.writeText(text)
      return true
    }
  }

  reset() {
    this.#seq++
    this.#articleId = 0
    this.#list = []
    this.#note = null
    this.#removed = null
  }
}

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!,
  )
}

export const annotations = new ArticleAnnotations()
