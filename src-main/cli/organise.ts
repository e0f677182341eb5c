import { plural } from './plural'
import type { CollectionSummary, SavedSearchSummary } from '../shared/organise'
import type { SearchSort } from '../shared/search-types'
import type { CliClient } from './client'
import { UsageError } from './flags'

// `lectern collections …`, `lectern saved …` and `lectern read …`: the words after the command
// name the action; the work is the service's, through the same dispatcher as every client.

export type Print = (value: unknown, human: () => string) => void

/** `1 2 3` → [1, 2, 3]; anything else is a mistake in the command line. */
export function articleIds(words: string[], usage: string): number[] {
  if (words.length === 0) throw new UsageError(`${usage} needs at least one article id.`)
  return words.map((w) => {
    const n = /^\d+$/.test(w) ? Number(w) : 0
    if (!Number.isSafeInteger(n) || n < 1) {
      throw new UsageError(`"${w}" is not an article id (a whole number of 1 or more).`)
    }
    return n
  })
}

function expect(words: string[], n: number, usage: string): void {
  if (words.length !== n) throw new UsageError(`Usage: ${usage}`)
}

function collectionLine(c: CollectionSummary): string {
  return `${c.name}  ${plural(c.count, 'article')}, ${c.unread} unread`
}

export const COLLECTIONS_USAGE =
  'lectern collections create NAME | rename OLD NEW | delete NAME | add NAME <id>... | remove NAME <id>... | list'

export async function runCollections(cli: CliClient, words: string[], print: Print) {
  const [action, ...rest] = words
  switch (action) {
    case 'list': {
      expect(rest, 0, 'lectern collections list')
      const all = await cli.call('listCollections')
      print(all, () => (all.length ? all.map(collectionLine).join('\n') : 'No collections yet.'))
      return 0
    }
    case 'create': {
      expect(rest, 1, 'lectern collections create NAME')
      const c = await cli.call('createCollection', { name: rest[0]! })
      print(c, () => `Created the collection "${c.name}".`)
      return 0
    }
    case 'rename': {
      expect(rest, 2, 'lectern collections rename OLD NEW')
      const c = await cli.call('renameCollection', { name: rest[0]!, to: rest[1]! })
      print(c, () => `Renamed "${rest[0]}" to "${c.name}".`)
      return 0
    }
    case 'delete': {
      expect(rest, 1, 'lectern collections delete NAME')
      const c = await cli.call('deleteCollection', { name: rest[0]! })
      print(c, () => `Deleted the collection "${c.name}" (its ${c.count} articles stay).`)
      return 0
    }
    case 'add':
    case 'remove': {
      const [name, ...ids] = rest
      const usage = `lectern collections ${action} NAME <articleId>...`
      if (name === undefined) throw new UsageError(`Usage: ${usage}`)
      const selection = { ids: articleIds(ids, usage) }
      const method = action === 'add' ? 'addToCollection' : 'removeFromCollection'
      const r = await cli.call(method, { name, selection })
      const verb = action === 'add' ? 'Added' : 'Removed'
      print(
        r,
        () =>
          `${verb} ${plural(r.changed, 'article')} ${action === 'add' ? 'to' : 'from'} "${name}".`,
      )
      return 0
    }
    default:
      throw new UsageError(
        action === undefined
          ? `Usage: ${COLLECTIONS_USAGE}`
          : `Unknown action "${action}"; usage: ${COLLECTIONS_USAGE}`,
      )
  }
}

function savedLine(s: SavedSearchSummary, unit: 'article' | 'story'): string {
  const fresh = s.new > 0 ? ` (+${s.new} new)` : ''
  const count = unit === 'story' ? plural(s.count, 'story', 'stories') : plural(s.count, unit)
  return `${s.name}  ${count}${fresh}, ${s.unread} unread  · ${s.query}`
}

export const SAVED_USAGE =
  'lectern saved create NAME QUERY [--sort relevance|newest|oldest] | delete NAME | list [--group] | open NAME'

export async function runSaved(
  cli: CliClient,
  words: string[],
  sort: SearchSort | undefined,
  print: Print,
  open: (s: SavedSearchSummary) => Promise<number>,
  /** `list --group`: count stories, as `search --group` lists them. */
  group = false,
) {
  const [action, ...rest] = words
  switch (action) {
    case 'list': {
      expect(rest, 0, 'lectern saved list')
      const all = await cli.call('listSaved', { group })
      const unit = group ? 'story' : 'article'
      print(all, () =>
        all.length ? all.map((s) => savedLine(s, unit)).join('\n') : 'No saved searches yet.',
      )
      return 0
    }
    case 'create': {
      // The query may be several words (`lectern saved create 台风 台风 -股市`).
      if (rest.length < 2) throw new UsageError(`Usage: lectern saved create NAME QUERY`)
      const s = await cli.call('saveSearch', {
        name: rest[0]!,
        query: rest.slice(1).join(' '),
        ...(sort ? { sort } : {}),
      })
      print(s, () => `Saved "${s.name}": ${plural(s.count, 'article')} match now.`)
      return 0
    }
    case 'delete': {
      expect(rest, 1, 'lectern saved delete NAME')
      const s = await cli.call('deleteSaved', { name: rest[0]! })
      print(s, () => `Deleted the saved search "${s.name}".`)
      return 0
    }
    case 'open': {
      expect(rest, 1, 'lectern saved open NAME')
      return open(await cli.call('openSaved', { name: rest[0]! }))
    }
    default:
      throw new UsageError(
        action === undefined
          ? `Usage: ${SAVED_USAGE}`
          : `Unknown action "${action}"; usage: ${SAVED_USAGE}`,
      )
  }
}

export async function runRead(cli: CliClient, words: string[], unread: boolean, print: Print) {
  const ids = articleIds(words, 'lectern read')
  const r = await cli.call('setRead', { selection: { ids }, read: !unread })
  const state = unread ? 'unread' : 'read'
  const already = ids.length - r.changed
  print(
    r,
    () =>
      `Marked ${plural(r.changed, 'article')} ${state}${already ? ` (${already} already ${state})` : ''}.`,
  )
  return 0
}
