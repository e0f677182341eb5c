import { lazyPackage } from '../lazy-package'
import { parseDate } from './dates'
import { readSimpleYaml } from './simple-yaml'
import type { ImportWarning } from '../shared/problems'

// the full parsers, loaded on the first front matter the simple reader leaves to them
const yaml = lazyPackage<typeof import('yaml')>('yaml')
const toml = lazyPackage<typeof import('smol-toml')>('smol-toml')

export interface FrontMatter {
  /** JSON-safe (dates as ISO strings); {} when there is none or it could not be read. */
  data: Record<string, unknown>
  /** Everything after the front matter; the whole text when the front matter was unreadable. */
  body: string
  format: 'yaml' | 'toml' | 'json' | null
  warnings: ImportWarning[]
}

interface Block {
  format: 'yaml' | 'toml'
  source: string
  body: string
}

/** Expects `\n` newlines (decodeFile normalises them). */
export function splitFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { data: {}, body: text, format: null, warnings: [] }
  if (/^\{\s*["}]/.test(text)) return splitJson(text)

  const block = fencedBlock(text)
  if (block === 'unclosed') {
    return { ...none, warnings: [{ code: 'front-matter-unclosed' }] }
  }
  if (!block) return none

  const parsed = block.format === 'yaml' ? readYaml(block.source) : readToml(block.source)
  if ('error' in parsed) {
    const warning: ImportWarning = { code: 'front-matter-invalid', params: parsed.error }
    return { data: parsed.salvage ?? {}, body: text, format: block.format, warnings: [warning] }
  }
  const value = parsed.value
  if (value === null || value === undefined) {
    return { data: {}, body: block.body, format: block.format, warnings: [] }
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'list' : (typeof value as 'string' | 'number' | 'boolean')
    const warning: ImportWarning = {
      code: 'front-matter-not-map',
      params: { format: block.format, got },
    }
    return { data: {}, body: text, format: block.format, warnings: [warning] }
  }
  return {
    data: (parsed.safe ? value : jsonSafe(value)) as Record<string, unknown>,
    body: block.body,
    format: block.format,
    warnings: [],
  }
}

function fencedBlock(text: string): Block | 'unclosed' | null {
  const first = /^(---|\+\+\+)[ \t]*(?:\n|$)/.exec(text)
  if (!first) return null
  const fence = first[1]!
  const closing = fence === '---' ? /^(?:---|\.\.\.)[ \t]*$/ : /^\+\+\+[ \t]*$/
  let at = first[0].length
  while (at < text.length) {
    const nl = text.indexOf('\n', at)
    const end = nl === -1 ? text.length : nl
    if (closing.test(text.slice(at, end))) {
      const body = text.slice(nl === -1 ? end : end + 1).replace(/^(?:[ \t]*\n)+/, '')
      return {
        format: fence === '---' ? 'yaml' : 'toml',
        source: text.slice(first[0].length, at),
        body,
      }
    }
    at = end + 1
  }
  // A lone `---` on the first line is a thematic break unless key: value lines follow.
  const next =
    text
      .slice(first[0].length)
      .split('\n')
      .find((l) => l.trim() !== '') ?? ''
  return fence === '+++' || /^[\w-]+\s*[:=]/.test(next) ? 'unclosed' : null
}

type Invalid = { format: 'yaml' | 'toml' | 'json'; line?: number; detail: string }
/** `safe`: the value is JSON-safe already (the simple reader gives only strings, safe integers,
 * booleans, null and lists of them, under name keys), so jsonSafe's copy of it is skipped. */
type Read = { value: unknown; safe?: true } | { error: Invalid; salvage?: Record<string, unknown> }

function readYaml(source: string): Read {
  const simple = readSimpleYaml(source)
  if (simple !== undefined) return { value: simple, safe: true }
  // Real archives repeat keys; the last one winning beats refusing the whole file.
  const doc = yaml().parseDocument(source, { uniqueKeys: false })
  const error = doc.errors[0]
  if (!error) return { value: doc.toJS({ maxAliasCount: 1000 }) }
  const detail = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  const at = error.linePos ? { line: error.linePos[0].line + 1 } : {}
  return { error: { format: 'yaml', ...at, detail }, salvage: salvageYaml(source) }
}

/**
 * Recover the simple `key: value` lines of a broken block, so one bad line (typically an
 * unescaped quote in a title) does not also cost the article its title and date.
 */
function salvageYaml(source: string): Record<string, unknown> {
  const data: Record<string, unknown> = {}
  for (const line of source.split('\n')) {
    const m = /^([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(\S.*?)[ \t]*$/.exec(line)
    if (!m) continue
    const key = m[1]!
    const raw = m[2]!
    let value: unknown
    try {
      value = yaml().parse(raw)
    } catch {
      if (/^[[{]/.test(raw)) continue // half a list is not worth guessing at
      value = raw.replace(/^(["'])(.*)\1$/, '$2')
    }
    if (value === null || typeof value !== 'object') set(data, key, jsonSafe(value))
  }
  return data
}

function readToml(source: string): Read {
  try {
    return { value: toml().parse(source) }
  } catch (e) {
    const err = e as { line?: number; message?: string }
    const at = typeof err.line === 'number' ? { line: err.line + 1 } : {}
    const detail = String(err.message ?? e)
      .split('\n')[0]!
      .replace(/^Invalid TOML document: /, '')
    return { error: { format: 'toml', ...at, detail } }
  }
}

/** Hugo's JSON front matter: an object at the very start, the body right after its `}`. */
function splitJson(text: string): FrontMatter {
  const end = matchingBrace(text)
  const fail = (detail: string): FrontMatter => ({
    data: {},
    body: text,
    format: 'json',
    warnings: [{ code: 'front-matter-invalid', params: { format: 'json', detail } }],
  })
  if (end === -1) return fail('no closing }')
  let value: unknown
  try {
    value = JSON.parse(text.slice(0, end + 1))
  } catch (e) {
    return fail((e as Error).message)
  }
  const body = text
    .slice(end + 1)
    .replace(/^[ \t]*\n/, '')
    .replace(/^(?:[ \t]*\n)+/, '')
  return { data: jsonSafe(value) as Record<string, unknown>, body, format: 'json', warnings: [] }
}

function matchingBrace(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i
  }
  return -1
}

function set(target: Record<string, unknown>, key: string, value: unknown): void {
  // `__proto__` from a file must stay data, not become the object's prototype.
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/** Front matter is stored as JSON: dates become ISO text, and alias cycles are cut. */
export function jsonSafe(value: unknown, seen: Set<object> = new Set()): unknown {
  if (value instanceof Date) return parseDate(value) ?? dateText(value)
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value)
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (value === null || typeof value !== 'object') {
    return typeof value === 'function' || typeof value === 'symbol' ? null : value
  }
  if (seen.has(value)) return null
  seen.add(value)
  let out: unknown
  if (Array.isArray(value)) out = value.map((v) => jsonSafe(v ?? null, seen))
  else if (value instanceof Map) {
    const obj: Record<string, unknown> = {}
    for (const [k, v] of value) set(obj, String(k), jsonSafe(v, seen))
    out = obj
  } else if (ArrayBuffer.isView(value)) {
    out = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
  } else {
    const obj: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) set(obj, k, jsonSafe(v, seen))
    out = obj
  }
  seen.delete(value)
  return out
}

/** TOML's time-of-day values are Dates that no calendar date can express. */
function dateText(date: Date): string | null {
  try {
    return date.toISOString()
  } catch {
    return null
  }
}
