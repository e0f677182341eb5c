// Marks query terms inside the rendered article (DOM, after sanitising), case-insensitively.
// Text nodes are split in place, so the article's own markup is never re-parsed.
function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export function markTerms(root: HTMLElement, terms: string[]): HTMLElement[] {
  const usable = terms.map((t) => t.trim()).filter((t) => t.length > 0)
  if (usable.length === 0) return []
  // longest first so "machine learning" wins over "machine"
  usable.sort((a, b) => b.length - a.length)
  const re = new RegExp(usable.map(escapeRegExp).join('|'), 'giu')
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest('mark, script, style, .img-placeholder')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  })
  const nodes: Text[] = []
  while (walker.nextNode()) nodes.push(walker.currentNode as Text)
  const marks: HTMLElement[] = []
  for (const node of nodes) {
    const text = node.data
    re.lastIndex = 0
    if (!re.test(text)) continue
    re.lastIndex = 0
    const frag = root.ownerDocument.createDocumentFragment()
    let last = 0
    for (const m of text.matchAll(re)) {
      if (m.index > last) frag.append(text.slice(last, m.index))
      const mark = root.ownerDocument.createElement('mark')
      mark.className = 'term'
      mark.textContent = m[0]
      frag.append(mark)
      marks.push(mark)
      last = m.index + m[0].length
    }
    if (last < text.length) frag.append(text.slice(last))
    node.replaceWith(frag)
  }
  return marks
}

/** The `<mark>`ed words in snippets: what the server's tokenizer matched, e.g. for CJK. */
export function snippetTerms(snippets: string[]): string[] {
  const out = new Set<string>()
  for (const s of snippets) {
    for (const m of s.matchAll(/<mark>(.*?)<\/mark>/g)) {
      const t = m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim()
      if (t) out.add(t)
    }
  }
  return [...out]
}
