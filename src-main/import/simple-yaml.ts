// A fast path for the front matter nearly every news file has: top-level `key: scalar` lines and
// `key:` followed by `- scalar` items, with double-quoted, single-quoted or plain words. The yaml
// library builds a whole document tree for these and took a third of a parse worker's time. This
// reader gives exactly what `YAML.parseDocument(source).toJS()` gives (YAML 1.2 core schema) or
// declines (undefined) at anything it is not sure of, and the library reads it instead:
// simple-yaml.test.ts checks both agree on every file of the corpora and on the traps below.

type Scalar = string | number | boolean | null

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/
const ITEM = /^( *)-(?: +(.*))?$/
// Words the core schema reads as something other than a string, or a key it would turn into one.
const NOT_A_NAME = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/
// Anything tabs, control characters or a byte-order mark could make special.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSAFE = /[\t\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]/

export function readSimpleYaml(source: string): Record<string, unknown> | undefined {
  if (UNSAFE.test(source)) return undefined
  const out: Record<string, unknown> = {}
  const lines = source.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = trimSpaces(lines[i]!)
    if (line === '') continue
    const m = KEY.exec(line)
    if (!m) return undefined
    const key = m[1]!
    if (NOT_A_NAME.test(key) || key === '__proto__') return undefined
    let value: unknown
    if (m[2] !== undefined && m[2] !== '') {
      if (m[2] === '[]') value = []
      else {
        const v = scalar(m[2])
        if (v === undefined) return undefined
        value = v
      }
    } else {
      // `key:` alone: null, or the list of `- item` lines that follows, all at one indent.
      const items: Scalar[] = []
      let indent: number | null = null
      for (; i + 1 < lines.length; i++) {
        const next = trimSpaces(lines[i + 1]!)
        if (next === '') {
          // A blank line inside a list ends nothing in YAML: only go on if an item follows.
          continue
        }
        const item = ITEM.exec(next)
        if (!item) {
          if (next.startsWith(' ')) return undefined
          break
        }
        if (indent === null) indent = item[1]!.length
        else if (indent !== item[1]!.length) return undefined
        if (item[2] === undefined || item[2] === '') return undefined
        const v = scalar(item[2])
        if (v === undefined) return undefined
        items.push(v)
      }
      value = indent === null ? null : items
    }
    // A repeated key: the last value wins, in the first one's place, as the library does.
    out[key] = value
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** The line without the spaces that end it (most lines have none: no regex run for them). */
const trimSpaces = (line: string) =>
  line.charCodeAt(line.length - 1) === 32 ? line.replace(/ +$/, '') : line

/** One scalar in a line, or undefined when it is not plainly one of the simple kinds. */
function scalar(text: string): Scalar | undefined {
  const c = text[0]
  if (c === '"') return doubleQuoted(text)
  if (c === "'") return singleQuoted(text)
  return plain(text)
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', n: '\n', t: '\t' }

function doubleQuoted(text: string): string | undefined {
  // without escapes, the text between the quotes as it is
  if (!text.includes('\\')) {
    const end = text.indexOf('"', 1)
    return end === text.length - 1 ? text.slice(1, end) : undefined
  }
  let out = ''
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') return i === text.length - 1 ? out : undefined
    if (c === '\\') {
      const e = ESCAPES[text[++i] ?? '']
      if (e === undefined) return undefined
      out += e
    } else out += c
  }
  return undefined
}

function singleQuoted(text: string): string | undefined {
  if (text.length < 2 || !text.endsWith("'")) return undefined
  const inner = text.slice(1, -1)
  // every quote inside must be doubled
  if (/'/.test(inner.replace(/''/g, ''))) return undefined
  return inner.replace(/''/g, "'")
}

function plain(text: string): Scalar | undefined {
  // An indicator first, a comment, a `key: value` inside, a trailing colon, a quote, or a number
  // the core schema reads in one of its many forms: not simple.
  if (/^[-?:,[\]{}#&*!|>%@`.+~]/.test(text)) return undefined
  if (/#|: |:$|["']/.test(text)) return undefined
  if (NOT_A_NAME.test(text)) return /^t/i.test(text) ? true : /^f/i.test(text) ? false : null
  if (/^[0-9]/.test(text)) {
    if (/^(?:0|[1-9][0-9]{0,14})$/.test(text)) return Number(text)
    // Only these characters make up the schema's other numbers (1.5, 1e3, 0x1F, 0o17): a word
    // with anything else in it (2025-02-13 08:00, 2024年) is text.
    if (/^[0-9a-fA-FoOxX.+-]+$/.test(text)) return undefined
  }
  return text
}
