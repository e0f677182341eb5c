import { describe, expect, it } from 'vitest'
import { COMMANDS } from './commands'
import { parseFlags } from './flags'

/** Each row: a command line, and what the table makes of it (flags set, words) or its error. */
function parsed(line: string[]): string {
  const [name = '', ...args] = line
  const cmd = COMMANDS[name]
  if (!cmd) return 'no such command'
  try {
    const { values, positionals } = parseFlags(
      { command: name, flags: cmd.flags, dashWords: cmd.dashWords ?? false },
      args,
    )
    const set = Object.entries(values as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    return [...set, ...positionals.map((p) => `"${p}"`)].join(' ')
  } catch (e) {
    return `error: ${(e as Error).message}`
  }
}

describe('command-line flags, declared per command', () => {
  const rows: [string[], string][] = [
    [['search', '降息'], 'limit=20 offset=0 sort=relevance "降息"'],
    [
      ['search', 'rates', '--limit', '5000', '--offset=10', '--sort', 'newest', '--json'],
      'json=true limit=5000 offset=10 sort=newest "rates"',
    ],
    // a leading minus is the query language's "without", not a flag
    [
      ['search', '阿里', '-财报', '-tag:x'],
      'limit=20 offset=0 sort=relevance "阿里" "-财报" "-tag:x"',
    ],
    [['search', '--', '--literal'], 'limit=20 offset=0 sort=relevance "--literal"'],
    [
      ['search', 'x', '--limit', '0'],
      'error: --limit must be a whole number of 1 or more, not "0".',
    ],
    [
      ['search', 'x', '--limit', 'abc'],
      'error: --limit must be a whole number of 1 or more, not "abc".',
    ],
    [
      ['search', 'x', '--limit', '2.5'],
      'error: --limit must be a whole number of 1 or more, not "2.5".',
    ],
    [
      ['search', 'x', '--limit', '-3'],
      'error: --limit must be a whole number of 1 or more, not "-3".',
    ],
    [
      ['search', 'x', '--offset', '-1'],
      'error: --offset must be a whole number of 0 or more, not "-1".',
    ],
    [['search', 'x', '--limit'], 'error: --limit needs a value (N).'],
    [['search', 'x', '--limit='], 'error: --limit needs a value (N).'],
    [['search', 'x', '--limit', '--json'], 'error: --limit needs a value (N).'],
    [
      ['search', 'x', '--sort', 'sideways'],
      'error: --sort must be relevance, newest or oldest, not "sideways".',
    ],
    [['search', 'x', '--sort'], 'error: --sort needs a value (relevance, newest or oldest).'],
    [
      ['search', 'x', '--limt', '5'],
      'error: lectern search has no option --limt; see lectern --help.',
    ],
    [['stats', '--json=yes'], 'error: --json takes no value.'],
    [['stats', '--images'], 'error: lectern stats has no option --images; see lectern --help.'],
    [['stats', '-x'], 'error: lectern stats has no option -x; see lectern --help.'],
    [
      ['images', 'fetch', '--article', '7', '--allow-private-hosts'],
      'article=7 allow-private-hosts=true "fetch"',
    ],
    [
      ['images', 'fetch', '--article', 'seven'],
      'error: --article must be a whole number of 1 or more, not "seven".',
    ],
    [['import', 'a', 'b', '--images', '--db', 'x.db'], 'db=x.db images=true "a" "b"'],
    [
      ['serve', '--port', '70000'],
      'error: --port must be a whole number from 0 to 65535, not "70000".',
    ],
    [['serve', '--allow-import'], 'port=4310 host=127.0.0.1 allow-import=true'],
    [
      ['serve', '--allow-host', 'a.example', '--allow-host=b.example:8443', '--no-auth'],
      'port=4310 host=127.0.0.1 allow-host=a.example+b.example:8443 no-auth=true',
    ],
    [['serve', '--allow-host'], 'error: --allow-host needs a value (NAME).'],
    [['serve', '--no-auth=yes'], 'error: --no-auth takes no value.'],
    [
      ['users', 'add', 'mei', '--role', 'admin', '--password-stdin'],
      'role=admin password-stdin=true "add" "mei"',
    ],
    [['tokens', 'create', 'desk', '--role'], 'error: --role needs a value (ROLE).'],
    [['serve', '--watch', 'a', '--watch=b'], 'port=4310 host=127.0.0.1 watch=a+b'],
    [['serve', '--watch'], 'error: --watch needs a value (FOLDER).'],
    [
      ['edit', '7', '--title', '新标题', '--add-tag', 'a', '--add-tag', 'b', '--reset', 'date'],
      'title=新标题 add-tag=a+b reset=date "7"',
    ],
    [['edit', '7', '--tag', 'a'], 'error: lectern edit has no option --tag; see lectern --help.'],
    [
      ['labels', 'merge', '新华社', '新華社', 'Xinhua', '--into', '新华社'],
      'into=新华社 kind=tag "merge" "新华社" "新華社" "Xinhua"',
    ],
    [
      ['labels', 'rename', 'a', 'b', '--kind', 'label'],
      'error: --kind must be tag or category, not "label".',
    ],
    [['tag', '--query', 'tag:x', '--add', 'y'], 'query=tag:x add=y'],
    [['trash', '--ids', '1,2'], 'ids=1,2'],
    [['check', '--fix', '--json'], 'json=true fix=true'],
  ]
  it.each(rows)('%j → %s', (line, expected) => {
    expect(parsed(line)).toBe(expected)
  })

  it('gives every message as one sentence', () => {
    for (const [, expected] of rows) {
      if (!expected.startsWith('error: ')) continue
      expect(expected).toMatch(/^error: [^\n]+\.$/)
      expect(expected.slice(7, -1)).not.toMatch(/\.\s/)
    }
  })
})
