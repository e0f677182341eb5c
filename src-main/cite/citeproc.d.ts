// The few parts of citeproc-js (the `citeproc` package, which ships no types) Lectern calls.
declare module 'citeproc' {
  interface Sys {
    retrieveLocale(lang: string): unknown
    retrieveItem(id: string): unknown
  }
  interface BibliographyMeta {
    entry_ids: string[][]
    bibstart: string
    bibend: string
  }
  export class Engine {
    constructor(sys: Sys, style: unknown, lang?: string, forceLang?: boolean)
    setOutputFormat(format: 'text' | 'html'): void
    updateItems(ids: string[]): void
    makeBibliography(): [BibliographyMeta, string[]] | false
    makeCitationCluster(items: { id: string }[]): string
  }
  const CSL: { Engine: typeof Engine }
  export default CSL
}
