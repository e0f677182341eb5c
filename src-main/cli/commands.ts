import type { SearchRequest, SearchResult } from '../shared/search-types'
import { CliError, type CliClient } from './client'
import { flagSynopsis, parseFlags, UsageError, type FlagTable } from './flags'
import { command, DB, JSON_OUT, PRIVATE, withArchive, type Command, type Print } from './command'
import { KEEP_COMMANDS } from './keep-commands'
import { formatArticle, formatLabels, formatStats } from './format'
import { formatClusters, formatVersions } from './format-clusters'
import { formatSearch, searchJson } from './format-search'
import { runImagesFetch, runImport } from './pictures'
import { EXPORT_FLAGS, runExport } from './export'
import { serve } from './serve'
import { CITE_FLAGS, HIGHLIGHT_FLAGS, runCite, runHighlights, runNotes } from './research'
import { COLLECTIONS_USAGE, runCollections, runRead, runSaved, SAVED_USAGE } from './organise'
import { runTokens, runUsers } from './accounts'

// Every command in one table: its words, its flags (declared once, parsed by flags.ts) and what
// it does. A new command is a new row.

const ACCOUNT = {
  role: {
    kind: 'string',
    value: 'ROLE',
    help: 'reader, editor or admin (tokens: reader or editor)',
  },
  'password-stdin': {
    kind: 'boolean',
    help: 'read the password from standard input instead of the terminal',
  },
} as const

/** The contract caps one page of hits; the CLI asks page after page for larger limits. */
const SEARCH_PAGE = 1000

export const COMMANDS: Record<string, Command<FlagTable>> = {
  import: command({
    words: '<folder>...',
    about: 'import Markdown articles (recursively) into the archive',
    flags: {
      ...DB,
      ...JSON_OUT,
      images: { kind: 'boolean', help: 'then fetch their remote pictures' },
      ...PRIVATE,
    },
    run: (flags, folders, print) => runImport(folders, flags, print),
  }),
  images: command({
    words: 'fetch',
    about: 'fetch the remote pictures not stored yet (failed ones are retried)',
    flags: {
      ...DB,
      ...JSON_OUT,
      article: { kind: 'int', value: 'ID', min: 1, help: 'of one article only' },
      ...PRIVATE,
    },
    run: (flags, words, print) => {
      if (words.length !== 1 || words[0] !== 'fetch') {
        throw new UsageError(`Usage: lectern images fetch ${flagSynopsis(COMMANDS.images!.flags)}`)
      }
      return runImagesFetch(flags, print)
    },
  }),
  search: command({
    words: '<query>',
    about: 'search the archive',
    dashWords: true,
    flags: {
      ...DB,
      ...JSON_OUT,
      limit: { kind: 'int', value: 'N', min: 1, default: 20, help: 'hits to print' },
      offset: { kind: 'int', value: 'N', min: 0, default: 0, help: 'hits to skip' },
      sort: {
        kind: 'choice',
        choices: ['relevance', 'newest', 'oldest'] as const,
        default: 'relevance',
        help: 'order of the hits',
      },
      group: {
        kind: 'boolean',
        help: 'one hit per story (its best version); total counts stories',
      },
    },
    run: (flags, words, print) =>
      withArchive(flags.db, async (cli) => {
        const { limit, offset, sort, group } = flags
        const query = words.join(' ')
        const result = await searchPaged(cli, { query, limit, offset, sort, group })
        print(searchJson(result), () => formatSearch(result))
        return 0
      }),
  }),
  show: command({
    words: '<id>',
    about: 'print one article',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => {
      const id = words.length === 1 && /^\d+$/.test(words[0] as string) ? Number(words[0]) : 0
      if (id < 1) throw new UsageError('lectern show needs one article id (a whole number).')
      return withArchive(flags.db, async (cli) => {
        const a = await cli.call('article', { id })
        if (!a) throw new CliError(`No article with id ${id}`)
        print(a, () => formatArticle(a))
        return 0
      })
    },
  }),
  // story clusters (issue 11): the rows stay together
  clusters: command({
    words: '[rebuild | split <id> | join <id> <id>]',
    about: 'list stories told by several articles; rebuild them; split or join versions',
    flags: {
      ...DB,
      ...JSON_OUT,
      'min-size': { kind: 'int', value: 'N', min: 1, default: 2, help: 'smallest story listed' },
    },
    run: (flags, words, print) => runClusters(flags, words, print),
  }),
  tags: command({
    words: '',
    about: 'list tags, most used first',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, _words, print) =>
      withArchive(flags.db, async (cli) => {
        const tags = await cli.call('tags')
        print(tags, () => formatLabels(tags))
        return 0
      }),
  }),
  stats: command({
    words: '',
    about: 'archive statistics',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, _words, print) =>
      withArchive(flags.db, async (cli) => {
        const s = await cli.call('stats')
        print(s, () => formatStats(s))
        return 0
      }),
  }),
  highlights: command({
    words: 'add|list|remove',
    about: 'highlight a quote in an article, list or remove highlights',
    flags: { ...DB, ...JSON_OUT, ...HIGHLIGHT_FLAGS },
    run: (flags, words, print) => runHighlights(flags, words, print),
  }),
  notes: command({
    words: 'set <id> TEXT',
    about: 'set the note on a whole article (empty text removes it)',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => runNotes(flags, words, print),
  }),
  cite: command({
    words: '<id>...',
    about: 'cite articles in APA, Chicago, MLA or GB/T 7714',
    flags: { ...DB, ...JSON_OUT, ...CITE_FLAGS },
    run: (flags, words, print) => runCite(flags, words, print),
  }),
  collections: command({
    words: 'create|rename|delete|add|remove|list …',
    about: `named, ordered lists of articles: ${COLLECTIONS_USAGE.replace('lectern collections ', '')}`,
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => withArchive(flags.db, (cli) => runCollections(cli, words, print)),
  }),
  saved: command({
    words: 'create|delete|list|open …',
    about: `saved searches, with what is new since last opened: ${SAVED_USAGE.replace('lectern saved ', '')}`,
    dashWords: true,
    flags: {
      ...DB,
      ...JSON_OUT,
      sort: {
        kind: 'choice',
        choices: ['relevance', 'newest', 'oldest'] as const,
        help: 'order of its hits (create)',
      },
      limit: { kind: 'int', value: 'N', min: 1, default: 20, help: 'hits to print (open)' },
      group: { kind: 'boolean', help: 'count stories, not articles (list)' },
    },
    run: (flags, words, print) =>
      withArchive(flags.db, (cli) =>
        runSaved(
          cli,
          words,
          flags.sort,
          print,
          async (s) => {
            const query = s.query
            const result = await searchPaged(cli, {
              query,
              limit: flags.limit,
              offset: 0,
              sort: s.sort,
            })
            print(searchJson(result), () => {
              const fresh = s.new > 0 ? `, +${s.new} new since ${s.lastOpened}` : ''
              return `${s.name}: ${query}${fresh}\n${formatSearch(result)}`
            })
            return 0
          },
          flags.group,
        ),
      ),
  }),
  read: command({
    words: '<articleId>...',
    about: 'mark articles read (or unread)',
    flags: { ...DB, ...JSON_OUT, unread: { kind: 'boolean', help: 'mark them unread instead' } },
    run: (flags, words, print) =>
      withArchive(flags.db, (cli) => runRead(cli, words, flags.unread, print)),
  }),
  export: command({
    words: '',
    about: 'write articles to a Markdown folder, an HTML, EPUB or PDF file',
    flags: { ...DB, ...JSON_OUT, ...EXPORT_FLAGS },
    run: (flags, words, print) => runExport(flags, words, print),
  }),
  serve: command({
    words: '',
    about: 'serve the reader in a browser',
    flags: {
      ...DB,
      port: { kind: 'int', value: 'N', min: 0, max: 65535, default: 4310, help: 'TCP port' },
      host: {
        kind: 'string',
        value: 'ADDRESS',
        default: '127.0.0.1',
        help: 'address to answer on',
      },
      'allow-import': { kind: 'boolean', help: 'let the browser import and fetch pictures' },
      ...PRIVATE,
      watch: {
        kind: 'strings',
        value: 'FOLDER',
        help: 'also import new and changed files of this folder while serving',
      },
      'allow-host': {
        kind: 'strings',
        value: 'NAME',
        help: 'also answer to this Host name (repeatable; a reverse proxy needs accounts)',
      },
      'no-auth': {
        kind: 'boolean',
        help: 'no sign-in even off loopback (prints a warning)',
      },
      'tls-cert': { kind: 'string', value: 'FILE', help: 'serve HTTPS with this PEM certificate' },
      'tls-key': { kind: 'string', value: 'FILE', help: 'and this PEM private key' },
      'access-log': {
        kind: 'string',
        value: 'FILE',
        help: 'append one line per request (user, method, status)',
      },
      'log-queries': { kind: 'boolean', help: 'also write what was searched in the access log' },
    },
    run: (flags) => {
      if (flags['log-queries'] && !flags['access-log']) {
        throw new UsageError('--log-queries needs --access-log FILE.')
      }
      return serve({
        watch: flags.watch,
        db: flags.db,
        port: flags.port,
        host: flags.host,
        allowImport: flags['allow-import'],
        allowPrivateHosts: flags['allow-private-hosts'],
        allowHosts: flags['allow-host'],
        noAuth: flags['no-auth'],
        tlsCert: flags['tls-cert'],
        tlsKey: flags['tls-key'],
        accessLog: flags['access-log'],
        logQueries: flags['log-queries'],
      })
    },
  }),
  users: command({
    words: 'add|list|passwd|remove|role',
    about: 'manage the accounts of lectern serve',
    flags: { ...DB, ...JSON_OUT, ...ACCOUNT },
    run: (flags, words, print) => runUsers(flags, words, print),
  }),
  tokens: command({
    words: 'create NAME',
    about: 'a token for scripts acting as account NAME (printed once)',
    flags: { ...DB, ...JSON_OUT, role: ACCOUNT.role },
    run: (flags, words, print) => runTokens({ ...flags, 'password-stdin': false }, words, print),
  }),
  ...KEEP_COMMANDS,
}

const CLUSTERS_USAGE =
  'Usage: lectern clusters [--min-size N] | clusters rebuild | clusters split <id> | clusters join <id> <id>'

async function runClusters(
  flags: { db: string | undefined; 'min-size': number },
  words: string[],
  print: Print,
): Promise<number> {
  const [verb, ...rest] = words
  const ids = rest.map((w) => (/^\d+$/.test(w) ? Number(w) : 0))
  const arity: Record<string, number> = { '': 0, rebuild: 0, split: 1, join: 2 }
  const want = Object.hasOwn(arity, verb ?? '') ? arity[verb ?? ''] : undefined
  if (want === undefined || ids.length !== want || ids.some((id) => id < 1)) {
    throw new UsageError(CLUSTERS_USAGE)
  }
  return withArchive(flags.db, async (cli) => {
    if (verb === undefined) {
      const r = await cli.call('clusters', { minSize: flags['min-size'] })
      print(r, () => formatClusters(r.clusters))
    } else if (verb === 'rebuild') {
      const r = await cli.call('rebuildClusters')
      print(r, () => `${r.articles} articles in ${r.clusters} stories`)
    } else {
      const v =
        verb === 'split'
          ? await cli.call('splitFromCluster', { articleId: ids[0]! })
          : await cli.call('joinClusters', { articleId: ids[0]!, otherId: ids[1]! })
      print(v, () => formatVersions(v))
    }
    return 0
  })
}

/** Runs one command line (without `lectern`). Usage errors throw UsageError (exit 2). */
export async function runCommand(name: string, args: string[]): Promise<number> {
  const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined
  if (!cmd) throw new UsageError(`Unknown command "${name}"; run lectern --help.`)
  const beforeEnd = args.includes('--') ? args.slice(0, args.indexOf('--')) : args
  if (beforeEnd.includes('--help')) {
    process.stdout.write(USAGE)
    return 0
  }
  const { values, positionals } = parseFlags(
    { command: name, flags: cmd.flags, dashWords: cmd.dashWords ?? false },
    args,
  )
  if (!cmd.words && positionals.length > 0) {
    throw new UsageError(`lectern ${name} takes no arguments (got "${positionals[0]}").`)
  }
  const json = (values as { json?: boolean }).json === true
  const print: Print = (value, human) =>
    process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`)
  return cmd.run(values, positionals, print)
}

/** Any number of hits, asked for a page at a time; total, facets and notes from the first. */
export async function searchPaged(
  cli: CliClient,
  req: Required<Pick<SearchRequest, 'query' | 'limit' | 'offset'>> & SearchRequest,
): Promise<SearchResult> {
  const page = (offset: number, limit: number) =>
    cli.call('search', { ...req, offset, limit: Math.min(limit, SEARCH_PAGE) })
  const first = await page(req.offset, req.limit)
  const hits = [...first.hits]
  while (hits.length < req.limit && req.offset + hits.length < first.total) {
    const next = await page(req.offset + hits.length, req.limit - hits.length)
    if (next.hits.length === 0) break
    hits.push(...next.hits)
  }
  return { ...first, hits }
}

export const USAGE = `Usage: lectern <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => {
    const head = `  ${`${name} ${c.words}`.padEnd(20)} ${c.about}`
    const own = Object.entries(c.flags).filter(([f]) => f !== 'db' && f !== 'json')
    const lines = own.map(
      ([f, spec]) => `      ${flagSynopsis({ [f]: spec }).padEnd(34)} ${spec.help}`,
    )
    return [head, ...lines].join('\n')
  })
  .join('\n')}

Options of every command:
  --db FILE   ${DB.db.help}
  --json      print one JSON document (all but serve)
`
