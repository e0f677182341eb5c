import type { Role, TokenRole, UserInfo } from '../shared/auth'
import { openCli, type CliClient } from './client'
import { UsageError } from './flags'
import { readPassword } from './password'

// `lectern users …` and `lectern tokens create`: the admin methods of the contract, called
// through the dispatcher as the machine's local user (whoever can open the archive file).

type Print = (value: unknown, human: () => string) => void

export interface AccountFlags {
  db: string | undefined
  role: string | undefined
  'password-stdin': boolean
}

const USERS_USAGE =
  'Usage: lectern users add NAME --role reader|editor|admin | list | passwd NAME | remove NAME | role NAME ROLE'

export async function runUsers(flags: AccountFlags, words: string[], print: Print) {
  const [verb, name, extra, ...rest] = words
  const need = (n: number) => {
    if (words.length !== n) throw new UsageError(USERS_USAGE)
  }
  switch (verb) {
    case 'add': {
      need(2)
      const role = roleFlag(flags.role, ['reader', 'editor', 'admin'], 'users add')
      const password = await readPassword(flags['password-stdin'], true)
      return withCli(flags.db, true, async (cli) => {
        const u = await cli.call('addUser', { name: name as string, role, password })
        print(u, () => `Added ${u.name} (${u.role}).`)
      })
    }
    case 'list':
      need(1)
      return withCli(flags.db, false, async (cli) => {
        const users = await cli.call('listUsers')
        print(users, () => formatUsers(users))
      })
    case 'passwd': {
      need(2)
      const password = await readPassword(flags['password-stdin'], true)
      return withCli(flags.db, false, async (cli) => {
        const u = await cli.call('setPassword', { name: name as string, password })
        print(u, () => `Changed the password of ${u.name}; their sessions have ended.`)
      })
    }
    case 'remove':
      need(2)
      return withCli(flags.db, false, async (cli) => {
        const u = await cli.call('removeUser', { name: name as string })
        print(u, () => `Removed ${u.name}; what they made stays in the archive.`)
      })
    case 'role': {
      need(3)
      const role = roleFlag(extra, ['reader', 'editor', 'admin'], 'users role NAME')
      return withCli(flags.db, false, async (cli) => {
        const u = await cli.call('setRole', { name: name as string, role })
        print(u, () => `${u.name} is now ${u.role}.`)
      })
    }
    default:
      void rest
      throw new UsageError(USERS_USAGE)
  }
}

export async function runTokens(flags: AccountFlags, words: string[], print: Print) {
  if (words.length !== 2 || words[0] !== 'create') {
    throw new UsageError('Usage: lectern tokens create NAME --role reader|editor')
  }
  const role = roleFlag(flags.role, ['reader', 'editor'], 'tokens create') as TokenRole
  return withCli(flags.db, false, async (cli) => {
    const t = await cli.call('createToken', { name: words[1] as string, role })
    print(
      t,
      () =>
        `${t.token}\nA token for ${t.name} (${t.role}); it is shown only now. Send it as Authorization: Bearer <token>.`,
    )
  })
}

function roleFlag<R extends Role>(value: string | undefined, allowed: R[], what: string): R {
  if (value === undefined)
    throw new UsageError(`lectern ${what} needs --role ${allowed.join('|')}.`)
  if (!(allowed as string[]).includes(value)) {
    const choices = `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`
    throw new UsageError(`The role must be ${choices}, not "${value}".`)
  }
  return value as R
}

async function withCli(
  db: string | undefined,
  create: boolean,
  fn: (c: CliClient) => Promise<void>,
) {
  const cli = await openCli({ db, create })
  try {
    await fn(cli)
    return 0
  } finally {
    cli.close()
  }
}

function formatUsers(users: UserInfo[]): string {
  if (users.length === 0) return 'No accounts: lectern serve answers on loopback without sign-in.'
  const rows = users.map((u) => [
    u.name,
    u.role,
    u.created.slice(0, 16),
    u.lastSeen?.slice(0, 16) ?? 'never',
  ])
  const head = ['name', 'role', 'created', 'last seen']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}
