import {
  CITATION_LOCALES,
  CITATION_STYLES,
  HIGHLIGHT_COLORS,
  type Highlight,
} from '../shared/annotations'
import { CliError, openCli, type CliClient } from './client'
import { UsageError, type FlagTable } from './flags'

// `lectern highlights`, `notes`, `cite` and the reference formats of `export`: the research
// layer's commands, each a thin client of the service (anchoring and CSL live there).

export type Print = (value: unknown, human: () => string) => void

export const HIGHLIGHT_FLAGS = {
  quote: { kind: 'string', value: 'TEXT', help: 'add: the text to highlight, as in the article' },
  note: { kind: 'string', value: 'TEXT', help: 'add: a note on the highlight' },
  color: { kind: 'choice', choices: HIGHLIGHT_COLORS, help: 'add: its colour (yellow)' },
  occurrence: {
    kind: 'int',
    value: 'N',
    min: 1,
    help: 'add: which one when the quote occurs more than once',
  },
  article: { kind: 'int', value: 'ID', min: 1, help: 'list: of one article only' },
  query: { kind: 'string', value: 'Q', help: 'list: on the articles a search finds' },
} as const satisfies FlagTable

export const CITE_FLAGS = {
  style: { kind: 'choice', choices: CITATION_STYLES, help: 'the citation style (required)' },
  locale: { kind: 'choice', choices: CITATION_LOCALES, help: "its language (the style's own)" },
  format: { kind: 'choice', choices: ['text', 'html'] as const, default: 'text', help: 'output' },
} as const satisfies FlagTable

/** The highlight as the CLI's JSON promises it (issue 9), whatever else the contract adds. */
export function highlightJson(h: Highlight) {
  const { id, articleId, quote, prefix, suffix, start, end, note, color, orphaned, created } = h
  return { id, articleId, quote, prefix, suffix, start, end, note, color, orphaned, created }
}

function formatHighlight(h: Highlight): string {
  const where = h.orphaned ? 'orphaned' : `${h.start}–${h.end}`
  const note = h.note ? `\n      note: ${h.note}` : ''
  return `${String(h.id).padStart(4)}  article ${h.articleId} (${where}, ${h.color})  “${h.quote}”${note}`
}

export function articleId(word: string | undefined, usage: string): number {
  const n = word !== undefined && /^\d+$/.test(word) ? Number(word) : 0
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(usage)
  return n
}

async function withCli(db: string | undefined, fn: (cli: CliClient) => Promise<number>) {
  const cli = await openCli({ db, create: false })
  try {
    return await fn(cli)
  } finally {
    cli.close()
  }
}

type HighlightFlags = {
  db: string | undefined
  quote: string | undefined
  note: string | undefined
  color: (typeof HIGHLIGHT_COLORS)[number] | undefined
  occurrence: number | undefined
  article: number | undefined
  query: string | undefined
}

const HIGHLIGHTS_USAGE =
  'Usage: lectern highlights add <articleId> --quote TEXT | list [--article ID] [--query Q] | remove <id>'

export function runHighlights(flags: HighlightFlags, words: string[], print: Print) {
  const [verb, ...rest] = words
  const only = (allowed: (keyof HighlightFlags)[]) => {
    const stray = (['quote', 'note', 'color', 'occurrence', 'article', 'query'] as const).find(
      (f) => flags[f] !== undefined && !allowed.includes(f),
    )
    if (stray) throw new UsageError(`lectern highlights ${verb} takes no --${stray}.`)
  }
  if (verb === 'add') {
    only(['quote', 'note', 'color', 'occurrence'])
    if (rest.length !== 1) throw new UsageError('lectern highlights add needs one article id.')
    const id = articleId(rest[0], 'lectern highlights add needs one article id (a whole number).')
    if (flags.quote === undefined)
      throw new UsageError('lectern highlights add needs --quote TEXT.')
    const quote = flags.quote
    return withCli(flags.db, async (cli) => {
      try {
        const h = await cli.call('addHighlight', {
          articleId: id,
          quote,
          ...(flags.note !== undefined ? { note: flags.note } : {}),
          ...(flags.color ? { color: flags.color } : {}),
          ...(flags.occurrence !== undefined ? { occurrence: flags.occurrence } : {}),
        })
        print(highlightJson(h), () => `Highlighted:\n${formatHighlight(h)}`)
        return 0
      } catch (e) {
        // The service's sentence, plus the flag that settles it.
        if (e instanceof CliError && e.code === 'quote-ambiguous') {
          throw new CliError(`${e.message.replace(/\.$/, '')} with --occurrence N.`, 2, e.code)
        }
        throw e
      }
    })
  }
  if (verb === 'list') {
    only(['article', 'query'])
    if (rest.length)
      throw new UsageError(`lectern highlights list takes no words (got "${rest[0]}").`)
    return withCli(flags.db, async (cli) => {
      const list = await cli.call('highlights', {
        ...(flags.article !== undefined ? { articleId: flags.article } : {}),
        ...(flags.query !== undefined ? { query: flags.query } : {}),
      })
      print(list.map(highlightJson), () =>
        list.length ? list.map(formatHighlight).join('\n') : 'No highlights.',
      )
      return 0
    })
  }
  if (verb === 'remove') {
    only([])
    const id = articleId(
      rest.length === 1 ? rest[0] : undefined,
      'lectern highlights remove needs one highlight id.',
    )
    return withCli(flags.db, async (cli) => {
      await cli.call('removeHighlight', { id })
      print({ removed: id }, () => `Removed highlight ${id}.`)
      return 0
    })
  }
  throw new UsageError(HIGHLIGHTS_USAGE)
}

export function runNotes(flags: { db: string | undefined }, words: string[], print: Print) {
  const [verb, id, ...text] = words
  if (verb !== 'set' || id === undefined || text.length === 0) {
    throw new UsageError('Usage: lectern notes set <articleId> TEXT (empty text removes the note).')
  }
  const articleIdN = articleId(id, 'lectern notes set needs an article id (a whole number).')
  return withCli(flags.db, async (cli) => {
    const note = await cli.call('setArticleNote', { articleId: articleIdN, note: text.join(' ') })
    print(note, () =>
      note ? `Note on article ${articleIdN} saved.` : `Note on article ${articleIdN} removed.`,
    )
    return 0
  })
}

export function runCite(
  flags: {
    db: string | undefined
    style: (typeof CITATION_STYLES)[number] | undefined
    locale: (typeof CITATION_LOCALES)[number] | undefined
    format: 'text' | 'html'
  },
  words: string[],
  print: Print,
) {
  if (words.length === 0) throw new UsageError('lectern cite needs one or more article ids.')
  const ids = words.map((w) => articleId(w, `lectern cite takes article ids, not "${w}".`))
  if (!flags.style) throw new UsageError(`lectern cite needs --style ${CITATION_STYLES.join('|')}.`)
  const style = flags.style
  return withCli(flags.db, async (cli) => {
    const c = await cli.call('cite', {
      ids,
      style,
      ...(flags.locale ? { locale: flags.locale } : {}),
    })
    print(c, () => (flags.format === 'html' ? c.html : c.text).trimEnd())
    return 0
  })
}
