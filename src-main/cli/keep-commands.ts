import type { ArticleChanges, EditableField, WatchBatchEvent } from '../shared/types'
import { EDITABLE_FIELDS } from '../shared/types'
import { openCli, type CliClient } from './client'
import { UsageError, type FlagTable, type FlagValues } from './flags'
import { command, DB, JSON_OUT, untilInterrupted, withArchive, type Command } from './command'
import {
  formatBackup,
  formatBulk,
  formatCheck,
  formatRevisions,
  formatWatchBatch,
} from './format-keep'

// The commands that keep an archive (issue 12): watching, edits, labels, bulk tags, trash,
// revisions, backup and check. Each is one row; all of them call the contract.

const LABEL_KIND = {
  kind: {
    kind: 'choice',
    choices: ['tag', 'category'] as const,
    default: 'tag',
    help: 'which labels',
  },
} as const
const SELECTION = {
  ids: { kind: 'string', value: '1,2', help: 'these articles' },
  query: { kind: 'string', value: 'Q', help: 'every article this search finds' },
} as const

/** `--reset source-name` and `--reset sourceName` both name the field sourceName. */
const FIELD_NAMES = new Map(
  EDITABLE_FIELDS.flatMap((f) => [
    [f.toLowerCase(), f],
    [f.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), f],
  ]),
)

function articleId(word: string | undefined, cmd: string): number {
  if (word === undefined || !/^\d+$/.test(word) || Number(word) < 1) {
    throw new UsageError(
      `lectern ${cmd} needs an article id (a whole number), not "${word ?? ''}".`,
    )
  }
  return Number(word)
}

/** The articles a bulk command acts on: `--ids 1,2,3` or every hit of `--query`. */
async function selection(
  cli: CliClient,
  flags: { ids: string | undefined; query: string | undefined },
  cmd: string,
): Promise<number[]> {
  if ((flags.ids === undefined) === (flags.query === undefined)) {
    throw new UsageError(`lectern ${cmd} needs either --ids 1,2 or --query Q.`)
  }
  if (flags.query !== undefined) return cli.call('searchIds', { query: flags.query })
  const parts = (flags.ids as string).split(',').map((s) => s.trim())
  if (parts.some((p) => !/^\d+$/.test(p) || Number(p) < 1)) {
    throw new UsageError(`--ids must be article ids separated by commas, not "${flags.ids}".`)
  }
  return [...new Set(parts.map(Number))]
}

async function openSelection(
  db: string | undefined,
  flags: { ids: string | undefined; query: string | undefined },
  cmd: string,
): Promise<{ cli: CliClient; ids: number[] }> {
  // The flags are checked before the archive is opened: a typing mistake is exit 2 either way.
  if ((flags.ids === undefined) === (flags.query === undefined)) {
    throw new UsageError(`lectern ${cmd} needs either --ids 1,2 or --query Q.`)
  }
  const cli = await openCli({ db, create: false })
  try {
    return { cli, ids: await selection(cli, flags, cmd) }
  } catch (e) {
    cli.close()
    throw e
  }
}

export const KEEP_COMMANDS: Record<string, Command<FlagTable>> = {
  watch: command({
    words: '<folder>...',
    about: 'import new and changed files of folders as they are written (Ctrl+C stops)',
    flags: { ...DB, json: { kind: 'boolean', help: 'print a JSON report per batch' } },
    run: async (flags, folders) => {
      if (folders.length === 0) throw new UsageError('lectern watch needs at least one folder.')
      const cli = await openCli({ db: flags.db, create: true })
      try {
        cli.on.watchBatch = (b: WatchBatchEvent) =>
          process.stdout.write(flags.json ? `${JSON.stringify(b)}\n` : `${formatWatchBatch(b)}\n`)
        cli.on.watchNote = (n) => process.stderr.write(`lectern: ${n.message}\n`)
        // what was written before it began comes in first: the folders are imported whole once
        const status = await cli.call('watchFolders', {
          folders,
          remember: false,
          catchUp: true,
        })
        // On stderr, so --json output stays one document per batch; scripts can wait for it.
        process.stderr.write(
          `Watching ${status.folders.join(', ')}${status.polling ? ' (polling)' : ''}. ` +
            'Press Ctrl+C to stop.\n',
        )
        await untilInterrupted()
        await cli.stopWatching()
        return 0
      } finally {
        cli.close()
      }
    },
  }),
  edit: command({
    words: '<articleId>',
    about: "change an article's fields (kept over re-imports)",
    flags: {
      ...DB,
      ...JSON_OUT,
      title: { kind: 'string', value: 'T', help: 'new title' },
      date: { kind: 'string', value: 'D', help: 'new date (as in front matter)' },
      summary: { kind: 'string', value: 'S', help: 'new summary' },
      lang: { kind: 'string', value: 'L', help: 'new language tag (zh-CN, en)' },
      'source-name': { kind: 'string', value: 'N', help: 'new source name' },
      'source-url': { kind: 'string', value: 'U', help: 'new source link' },
      'add-tag': { kind: 'strings', value: 'T', help: 'add a tag' },
      'remove-tag': { kind: 'strings', value: 'T', help: 'remove a tag' },
      'add-category': { kind: 'strings', value: 'C', help: 'add a category' },
      'remove-category': { kind: 'strings', value: 'C', help: 'remove a category' },
      reset: { kind: 'strings', value: 'FIELD', help: 'back to the imported value' },
    },
    run: (flags, words, print) => {
      if (words.length !== 1) throw new UsageError('lectern edit takes one article id.')
      const id = articleId(words[0], 'edit')
      const set: Record<string, string> = {}
      const given = {
        title: flags.title,
        date: flags.date,
        summary: flags.summary,
        lang: flags.lang,
        sourceName: flags['source-name'],
        sourceUrl: flags['source-url'],
      }
      for (const [f, v] of Object.entries(given)) if (v !== undefined) set[f] = v
      const reset = flags.reset.map((r) => {
        const f = FIELD_NAMES.get(r.toLowerCase())
        if (!f) {
          throw new UsageError(
            `--reset must name a field (${[...EDITABLE_FIELDS].join(', ')}), not "${r}".`,
          )
        }
        return f as EditableField
      })
      const changes: ArticleChanges = {
        set,
        addTags: flags['add-tag'],
        removeTags: flags['remove-tag'],
        addCategories: flags['add-category'],
        removeCategories: flags['remove-category'],
        reset,
      }
      const nothing =
        Object.keys(set).length + reset.length === 0 &&
        [changes.addTags, changes.removeTags, changes.addCategories, changes.removeCategories]
          .flat()
          .every((x) => x === undefined)
      if (nothing) throw new UsageError('lectern edit needs at least one change (see --help).')
      return withArchive(flags.db, async (cli) => {
        const a = await cli.call('editArticle', { id, ...changes })
        print(a, () => `Article ${a.id}: ${a.title}\nEdited: ${a.edited?.join(', ') || 'none'}`)
        return 0
      })
    },
  }),
  labels: command({
    words: 'merge <label>... --into <label> | rename <old> <new>',
    about: 'merge labels that mean the same into one, or rename one',
    flags: {
      ...DB,
      ...JSON_OUT,
      into: { kind: 'string', value: 'LABEL', help: 'merge: the label to keep' },
      ...LABEL_KIND,
    },
    run: (flags, words, print) => {
      const [verb, ...names] = words
      let labels: string[]
      let into: string
      if (verb === 'merge') {
        if (names.length === 0 || flags.into === undefined) {
          throw new UsageError('lectern labels merge needs labels and --into <label>.')
        }
        ;[labels, into] = [names, flags.into]
      } else if (verb === 'rename') {
        if (names.length !== 2 || flags.into !== undefined) {
          throw new UsageError('lectern labels rename takes an old and a new name.')
        }
        ;[labels, into] = [[names[0] as string], names[1] as string]
      } else {
        throw new UsageError('lectern labels needs merge or rename.')
      }
      return withArchive(flags.db, async (cli) => {
        const r = await cli.call('mergeLabels', { kind: flags.kind, labels, into })
        print(r, () => `${verb === 'merge' ? 'Merged' : 'Renamed'}: ${r.changed} articles.`)
        return 0
      })
    },
  }),
  tag: command({
    words: '',
    about: 'add or remove tags on articles or on a whole search',
    flags: {
      ...DB,
      ...JSON_OUT,
      ...SELECTION,
      add: { kind: 'strings', value: 'T', help: 'tag to add' },
      remove: { kind: 'strings', value: 'T', help: 'tag to remove' },
    },
    run: async (flags, _words, print) => {
      if (flags.add.length + flags.remove.length === 0) {
        throw new UsageError('lectern tag needs --add T or --remove T.')
      }
      const { cli, ids } = await openSelection(flags.db, flags, 'tag')
      try {
        const r = await cli.call('bulkEdit', { ids, addTags: flags.add, removeTags: flags.remove })
        print({ ...r, articles: ids.length }, () => formatBulk('Tagged', r, ids.length))
        return 0
      } finally {
        cli.close()
      }
    },
  }),
  trash: command({
    words: '(--ids 1,2 | --query Q) | restore <articleId>... | empty',
    about: 'move articles, or a whole search, to the trash; restore them; empty the trash',
    flags: { ...DB, ...JSON_OUT, ...SELECTION },
    run: async (flags, words, print) => {
      const [verb, ...rest] = words
      if (verb === 'restore' || verb === 'empty') {
        if (flags.ids !== undefined || flags.query !== undefined) {
          throw new UsageError(`lectern trash ${verb} takes no --ids or --query.`)
        }
        const values = { db: flags.db, json: flags.json } as unknown as FlagValues<FlagTable>
        return KEEP_COMMANDS[verb]!.run(values, rest, print)
      }
      if (verb !== undefined) {
        throw new UsageError(`lectern trash takes --ids, --query, restore or empty, not "${verb}".`)
      }
      const { cli, ids } = await openSelection(flags.db, flags, 'trash')
      try {
        const r = await cli.call('trashArticles', { ids })
        print({ ...r, articles: ids.length }, () => formatBulk('Moved to the trash', r, ids.length))
        return 0
      } finally {
        cli.close()
      }
    },
  }),
  restore: command({
    words: '<articleId>...',
    about: 'take articles out of the trash',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => {
      if (words.length === 0) throw new UsageError('lectern restore needs article ids.')
      const ids = words.map((w) => articleId(w, 'restore'))
      return withArchive(flags.db, async (cli) => {
        const r = await cli.call('restoreArticles', { ids })
        print(r, () => formatBulk('Restored', r, ids.length))
        return 0
      })
    },
  }),
  empty: command({
    words: '',
    about: 'remove the trashed articles for good (and pictures no other article uses)',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, _words, print) =>
      withArchive(flags.db, async (cli) => {
        const r = await cli.call('emptyTrash')
        print(r, () => `Removed ${r.articles} articles and ${r.pictures} pictures for good.`)
        return 0
      }),
  }),
  revisions: command({
    words: '<articleId>',
    about: "an article's earlier states, oldest first, the current one last",
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => {
      if (words.length !== 1) throw new UsageError('lectern revisions takes one article id.')
      const id = articleId(words[0], 'revisions')
      return withArchive(flags.db, async (cli) => {
        const list = await cli.call('revisions', { id })
        print(
          list.map(({ revision, date, title, hash }) => ({ revision, date, title, hash })),
          () => formatRevisions(list),
        )
        return 0
      })
    },
  }),
  backup: command({
    words: '<file>',
    about: 'copy the archive and its pictures while it is in use, and verify the copy',
    flags: { ...DB, ...JSON_OUT },
    run: (flags, words, print) => {
      if (words.length !== 1) throw new UsageError('lectern backup takes one file to write.')
      return withArchive(flags.db, async (cli) => {
        const r = await cli.call('backup', { file: words[0] as string })
        print(r, () => formatBackup(words[0] as string, r))
        return 0
      })
    },
  }),
  check: command({
    words: '',
    about: 'check the archive, its search index and pictures (--fix repairs)',
    flags: { ...DB, ...JSON_OUT, fix: { kind: 'boolean', help: 'repair what can be repaired' } },
    run: (flags, _words, print) =>
      withArchive(flags.db, async (cli) => {
        const r = await cli.call('check', { fix: flags.fix })
        print(r, () => formatCheck(r, flags.fix))
        return r.ok ? 0 : 1
      }),
  }),
}
