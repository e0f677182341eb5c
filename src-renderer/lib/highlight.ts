// Marks the query's matches inside the rendered article (DOM, after sanitising), by the same
// word matching as the server's snippets (shared/match.ts: FTS5's tokens, Porter stems), so the
// reader marks what the index found. Text nodes are split in place: the article's own markup is
// never re-parsed.
import { queryMatcher, readerFold } from '../../src-main/shared/match'
import type { ParsedQuery } from '../../src-main/shared/query'
import type { MarkedText } from '../../src-main/shared/search-types'

/** What to mark in an article: the query's terms, and the words a hit's snippet marked. */
export interface Marking {
  query: ParsedQuery
  words: string[]
}

/** The words a snippet marked, as the article spells them (臺灣 for a query 台湾). */
export function snippetWords(snippet: MarkedText): string[] {
  return [...new Set(snippet.marks.map(([a, b]) => snippet.text.slice(a, b).trim()))].filter(
    (w) => w !== '',
  )
}

// Elements that end a run of text: words never continue across them.
const BLOCK =
  'address,article,aside,blockquote,br,dd,div,dl,dt,figcaption,figure,footer,h1,h2,h3,h4,h5,h6,' +
  'header,hr,img,li,main,nav,ol,p,pre,section,table,td,th,tr,ul'

function blockOf(n: Node): Element | null {
  return n.parentElement?.closest(BLOCK) ?? null
}

/** Wraps every match in `<mark class="term">`; returns the first mark of each match, in order. */
export function markTerms(root: HTMLElement, marking: Marking): HTMLElement[] {
  const matcher = queryMatcher(marking.query, readerFold, { titles: true, words: marking.words })
  if (matcher.empty) return []
  const doc = root.ownerDocument
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement?.closest('mark, script, style, .img-placeholder')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  })
  // One string for the whole article, so `machine <em>learning</em>` is still a phrase; a
  // newline between text from different blocks keeps paragraphs from running together.
  const nodes: { node: Text; at: number }[] = []
  let all = ''
  let lastBlock: Element | null | undefined
  while (walker.nextNode()) {
    const node = walker.currentNode as Text
    const block = blockOf(node)
    if (nodes.length > 0 && block !== lastBlock) all += '\n'
    lastBlock = block
    nodes.push({ node, at: all.length })
    all += node.data
  }
  const ranges = matcher.ranges(all)
  if (ranges.length === 0) return []

  // pieces per text node, then each node split once, from its end so offsets stay valid
  const pieces = new Map<Text, { start: number; end: number; first: number | null }[]>()
  let k = 0
  ranges.forEach((r, index) => {
    while (k < nodes.length - 1 && nodes[k + 1]!.at <= r.start) k++
    let first: number | null = index
    for (let j = k; j < nodes.length && nodes[j]!.at < r.end; j++) {
      const { node, at } = nodes[j]!
      const start = Math.max(r.start, at) - at
      const end = Math.min(r.end, at + node.data.length) - at
      if (end <= start) continue
      const list = pieces.get(node) ?? []
      list.push({ start, end, first })
      pieces.set(node, list)
      first = null
    }
  })
  const firsts: HTMLElement[] = new Array<HTMLElement>(ranges.length)
  for (const [node, list] of pieces) {
    const text = node.data
    const frag = doc.createDocumentFragment()
    let last = 0
    for (const p of list) {
      if (p.start > last) frag.append(text.slice(last, p.start))
      const mark = doc.createElement('mark')
      mark.className = 'term'
      mark.textContent = text.slice(p.start, p.end)
      frag.append(mark)
      if (p.first !== null) firsts[p.first] = mark
      last = p.end
    }
    if (last < text.length) frag.append(text.slice(last))
    node.replaceWith(frag)
  }
  return firsts.filter((m) => m !== undefined)
}
