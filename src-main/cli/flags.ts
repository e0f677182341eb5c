import { parseArgs } from 'node:util'

// Each command declares its flags in one table; node's util.parseArgs splits the words, and
// the table turns each value into its type or a one-sentence error (exit 2). parseArgs runs
// non-strict so that its tokens, not its English messages, tell what went wrong.

export type FlagSpec =
  | { kind: 'boolean'; help: string }
  | { kind: 'string'; value: string; help: string; default?: string }
  /** Given any number of times (`--allow-host a --allow-host b`); the values in order. */
  | { kind: 'strings'; value: string; help: string }
  | { kind: 'int'; value: string; help: string; min: number; max?: number; default?: number }
  | { kind: 'choice'; choices: readonly string[]; help: string; default?: string }

export type FlagTable = Record<string, FlagSpec>

/** The parsed value of each flag, typed from its declaration. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T]: T[K] extends { kind: 'boolean' }
    ? boolean
    : T[K] extends { kind: 'strings' }
      ? string[]
      : T[K] extends { kind: 'int'; default: number }
        ? number
        : T[K] extends { kind: 'int' }
          ? number | undefined
          : T[K] extends { kind: 'choice'; choices: readonly (infer C)[]; default: string }
            ? C
            : T[K] extends { kind: 'choice'; choices: readonly (infer C)[] }
              ? C | undefined
              : T[K] extends { kind: 'string'; default: string }
                ? string
                : string | undefined
}

/** A mistake in how the command was typed: one sentence, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export interface ParseSpec<T extends FlagTable> {
  command: string
  flags: T
  /** Words that begin with a single `-` are text, not flags (search: `阿里 -财报`). */
  dashWords?: boolean
}

export function parseFlags<T extends FlagTable>(
  spec: ParseSpec<T>,
  args: string[],
): { values: FlagValues<T>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean' }> = {}
  for (const [name, f] of Object.entries(spec.flags)) {
    options[name] = { type: f.kind === 'boolean' ? 'boolean' : 'string' }
  }
  const { tokens } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  })
  const words = new Map<number, string>()
  const raw: Record<string, string | boolean | string[]> = {}
  for (const t of tokens) {
    if (t.kind === 'positional') words.set(t.index, t.value)
    if (t.kind !== 'option') continue
    const flag = spec.flags[t.name]
    if (!t.rawName.startsWith('--') && spec.dashWords) {
      words.set(t.index, args[t.index] as string)
      continue
    }
    if (!flag || !t.rawName.startsWith('--')) {
      throw new UsageError(
        `lectern ${spec.command} has no option ${t.rawName}; see lectern --help.`,
      )
    }
    if (flag.kind === 'boolean') {
      if (t.value !== undefined) throw new UsageError(`${t.rawName} takes no value.`)
      raw[t.name] = true
      continue
    }
    // `--limit --json` means the value was forgotten, not that the value is "--json".
    if (t.value === undefined || t.value === '' || (!t.inlineValue && t.value.startsWith('--'))) {
      throw new UsageError(`${t.rawName} needs a value (${placeholder(flag)}).`)
    }
    if (flag.kind === 'strings') raw[t.name] = [...((raw[t.name] as string[]) ?? []), t.value]
    else raw[t.name] = t.value
  }
  const values: Record<string, unknown> = {}
  for (const [name, flag] of Object.entries(spec.flags)) {
    values[name] = convert(name, flag, raw[name])
  }
  const positionals = [...words.entries()].sort(([a], [b]) => a - b).map(([, w]) => w)
  return { values: values as FlagValues<T>, positionals }
}

function convert(
  name: string,
  flag: FlagSpec,
  v: string | boolean | string[] | undefined,
): unknown {
  if (flag.kind === 'boolean') return v === true
  if (flag.kind === 'strings') return Array.isArray(v) ? v : []
  if (v === undefined) return flag.default
  const text = String(v)
  if (flag.kind === 'string') return text
  if (flag.kind === 'choice') {
    if (flag.choices.includes(text)) return text
    throw new UsageError(`--${name} must be ${orList(flag.choices)}, not "${text}".`)
  }
  const n = /^[+-]?\d+$/.test(text.trim()) ? Number(text) : NaN
  if (!Number.isSafeInteger(n) || n < flag.min || (flag.max !== undefined && n > flag.max)) {
    throw new UsageError(`--${name} must be ${rangeText(flag.min, flag.max)}, not "${text}".`)
  }
  return n
}

export function rangeText(min: number, max?: number): string {
  return max === undefined
    ? `a whole number of ${min} or more`
    : `a whole number from ${min} to ${max}`
}

function orList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
}

function placeholder(flag: FlagSpec): string {
  if (flag.kind === 'choice') return orList(flag.choices)
  return flag.kind === 'boolean' ? '' : flag.value
}

/** `[--limit N] [--sort relevance|newest|oldest] [--json]`, for the usage text. */
export function flagSynopsis(flags: FlagTable): string {
  return Object.entries(flags)
    .map(([name, f]) => {
      if (f.kind === 'boolean') return `[--${name}]`
      if (f.kind === 'strings') return `[--${name} ${f.value}]...`
      return `[--${name} ${f.kind === 'choice' ? f.choices.join('|') : f.value}]`
    })
    .join(' ')
}
