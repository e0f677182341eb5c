// Reference-manager exports of CSL items: CSL-JSON, RIS and BibTeX. RIS and BibTeX are written
// here rather than by citation-js's plugins: each is a few lines per field once the item is in
// CSL form, and citation-js's core pulls in a synchronous network fetcher Lectern must not carry.
// Tests read every format back with independent parsers (astrocite-ris, @retorquere/bibtex-parser).
import type { CslDate, CslItem, CslName } from './csl-item'

/** CSL-JSON as Zotero imports it: an array of items, CSL variables only. */
export function toCslJson(items: CslItem[]): string {
  return JSON.stringify(items, null, 2) + '\n'
}

function nameText(n: CslName, order: 'family-first' | 'given-first'): string {
  if ('literal' in n) return n.literal
  if (!n.given) return n.family
  return order === 'family-first' ? `${n.family}, ${n.given}` : `${n.given} ${n.family}`
}

const parts = (d: CslDate | undefined) => d?.['date-parts'][0]
const pad = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'))
/** One line per field: a value never carries a line break into the next tag. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim()

/** RIS (the Research Information Systems tagged format): NEWS for newspaper articles, ELEC for
 * web pages. Dates as YYYY/MM/DD/ (RIS's own form; missing parts left empty). */
export function toRis(items: CslItem[]): string {
  const records = items.map((item) => {
    const lines: string[] = [`TY  - ${item.type === 'article-newspaper' ? 'NEWS' : 'ELEC'}`]
    const add = (tag: string, value: string | undefined) => {
      if (value) lines.push(`${tag}  - ${oneLine(value)}`)
    }
    add('TI', item.title)
    // "Family, Given"; a name kept whole has no comma, which Zotero reads as a one-field name.
    for (const a of item.author ?? []) add('AU', nameText(a, 'family-first'))
    add('T2', item['container-title'])
    const issued = parts(item.issued)
    if (issued) {
      add('PY', String(issued[0]))
      add('DA', `${issued[0]}/${pad(issued[1])}/${pad(issued[2])}/`)
    }
    const accessed = parts(item.accessed)
    if (accessed) add('Y2', `${accessed[0]}/${pad(accessed[1])}/${pad(accessed[2])}/`)
    add('UR', item.URL)
    add('LA', item.language)
    add('ID', item.id)
    lines.push('ER  - ')
    return lines.join('\r\n')
  })
  return records.join('\r\n\r\n') + '\r\n'
}

// LaTeX's special characters; everything else, Chinese included, stays UTF-8 (biber, BibTeX 8-bit
// and every modern reference manager read it).
const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  '&': '\\&',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
}
export function latex(s: string): string {
  return oneLine(s).replace(/[\\{}%&$#_^~]/g, (c) => LATEX[c] as string)
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** ASCII letters and digits of a name, for keys (`Café` → `cafe`); empty for Chinese. */
function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase()
    .slice(0, 20)
}

/** `smith2025-12`: the first author's (else the source's) name, the year, the article id. The id
 * makes keys unique and stable: the same article keeps its key in every export. */
export function bibtexKey(item: CslItem): string {
  const first = item.author?.[0]
  const name =
    slug(first ? ('literal' in first ? first.literal : first.family) : '') ||
    slug(item['container-title'] ?? '') ||
    'article'
  const year = parts(item.issued)?.[0] ?? 'nd'
  return `${name}${year}-${item.id}`
}

/** BibTeX: @article (journal = the newspaper) or @misc for web pages, as Zotero writes them, with
 * biblatex's date fields beside the classic ones. */
export function toBibtex(items: CslItem[]): string {
  const seen = new Set<string>()
  return items
    .map((item) => {
      let key = bibtexKey(item)
      for (let n = 2; seen.has(key); n++) key = `${bibtexKey(item)}-${n}`
      seen.add(key)
      const fields: [string, string][] = [['title', `{${latex(item.title)}}`]]
      if (item.author?.length) {
        // A literal name is braced whole, so BibTeX never splits 新华社 or "Reuters Staff".
        const names = item.author.map((a) =>
          'literal' in a ? `{${latex(a.literal)}}` : latex(nameText(a, 'family-first')),
        )
        fields.push(['author', `{${names.join(' and ')}}`])
      }
      if (item['container-title']) fields.push(['journal', `{${latex(item['container-title'])}}`])
      const issued = parts(item.issued)
      if (issued) {
        fields.push(['year', `{${issued[0]}}`])
        if (issued[1]) fields.push(['month', MONTHS[issued[1] - 1] ?? `{${issued[1]}}`])
        fields.push([
          'date',
          `{${[issued[0], pad(issued[1]), pad(issued[2])].filter(Boolean).join('-')}}`,
        ])
      }
      // URLs are verbatim fields: never LaTeX-escaped, only kept free of unbalanced braces.
      if (item.URL) fields.push(['url', `{${item.URL.replace(/[{}]/g, encodeURIComponent)}}`])
      const accessed = parts(item.accessed)
      if (accessed) {
        fields.push(['urldate', `{${accessed[0]}-${pad(accessed[1])}-${pad(accessed[2])}}`])
      }
      if (item.language) fields.push(['langid', `{${latex(item.language)}}`])
      const kind = item.type === 'article-newspaper' ? 'article' : 'misc'
      return `@${kind}{${key},\n${fields.map(([k, v]) => `  ${k} = ${v}`).join(',\n')}\n}\n`
    })
    .join('\n')
}
