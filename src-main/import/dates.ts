/**
 * Dates come out as ISO 8601 text that sorts sensibly: `2018-06-07` when only the day is known,
 * `2025-02-13T19:47:22` when no zone was given (kept as wall-clock time, never shifted to the
 * importer's zone), and `...Z` / `...+08:00` when the source said which zone it meant.
 */

const MONTH_NAMES =
  'january february march april may june july august september october november december'
const MONTHS: Record<string, number> = { sept: 9 }
MONTH_NAMES.split(' ').forEach((name, i) => {
  MONTHS[name] = i + 1
  MONTHS[name.slice(0, 3)] = i + 1
})

// No `CST`: Chinese sites use it for UTC+8, American ones for UTC-6, so it stays unresolved.
const ZONES: Record<string, string> = {
  z: 'Z',
  gmt: 'Z',
  utc: 'Z',
  ut: 'Z',
  est: '-05:00',
  edt: '-04:00',
  cdt: '-05:00',
  mst: '-07:00',
  mdt: '-06:00',
  pst: '-08:00',
  pdt: '-07:00',
}

const pad = (n: number): string => String(n).padStart(2, '0')

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

function zone(raw: string | undefined): string | null {
  if (!raw) return ''
  const named = ZONES[raw.toLowerCase()]
  if (named) return named
  // An abbreviation we cannot resolve (CET, IST is ambiguous): keep the wall-clock time.
  if (/^[a-z]+$/i.test(raw)) return ''
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(raw)
  if (!m) return null
  const h = Number(m[2])
  const min = Number(m[3] ?? 0)
  return h <= 14 && min < 60 ? `${m[1]}${pad(h)}:${pad(min)}` : null
}

interface Parts {
  y: number
  mo: number
  d: number
  h?: number | undefined
  mi?: number | undefined
  s?: number | undefined
  tz?: string | undefined
}

function format({ y, mo, d, h, mi, s, tz }: Parts): string | null {
  if (!isCalendarDate(y, mo, d)) return null
  const day = `${y}-${pad(mo)}-${pad(d)}`
  if (h === undefined) return day
  const sec = s ?? 0
  if (h > 23 || (mi ?? 0) > 59 || sec > 59) return null
  const offset = zone(tz)
  if (offset === null) return null
  return `${day}T${pad(h)}:${pad(mi ?? 0)}:${pad(sec)}${offset}`
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s))

const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/i
const CHINESE =
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?(?:\s*(\d{1,2})\s*(?:[:：]|[时時点點])\s*(\d{1,2})?\s*分?(?:\s*[:：]?\s*(\d{1,2})\s*秒?)?)?$/
// `Fri, 21 Aug 2026 14:03:00 GMT` (RFC 1123/2822) and `13 February 2025`.
const DAY_MONTH =
  /^(?:[a-z]+\.?,?\s+)?(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2})?$/i
// `February 13, 2025` and `Feb 13, 2025 7:47 PM EST`, as US sites print them.
const MONTH_DAY =
  /^(?:[a-z]+\.?,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?)?\s*([a-z]{1,4}|[+-]\d{2}:?\d{2})?$/i

function fromString(raw: string): string | null {
  const s = raw.trim()
  if (s === '') return null
  let m: RegExpExecArray | null
  if ((m = ISO.exec(s)) || (m = COMPACT.exec(s)) || (m = CHINESE.exec(s))) {
    const [, y, mo, d, h, mi, sec, tz] = m
    const hasTime = h !== undefined
    return format({
      y: Number(y),
      mo: Number(mo),
      d: Number(d),
      h: num(h),
      mi: hasTime ? Number(mi ?? 0) : undefined,
      s: num(sec),
      tz,
    })
  }
  if (/^\d{9,13}$/.test(s)) return fromTimestamp(Number(s))
  if ((m = DAY_MONTH.exec(s))) {
    const [, d, mon, y, h, mi, sec, tz] = m
    const mo = MONTHS[mon!.toLowerCase()]
    if (!mo) return null
    return format({ y: Number(y), mo, d: Number(d), h: num(h), mi: num(mi), s: num(sec), tz })
  }
  if ((m = MONTH_DAY.exec(s))) {
    const [, mon, d, y, h, mi, sec, ampm, tz] = m
    const mo = MONTHS[mon!.toLowerCase()]
    if (!mo) return null
    let hour = num(h)
    if (hour !== undefined && ampm) {
      if (hour < 1 || hour > 12) return null
      hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0)
    }
    return format({ y: Number(y), mo, d: Number(d), h: hour, mi: num(mi), s: num(sec), tz })
  }
  return null
}

/**
 * Seconds or milliseconds since 1970. Small numbers (a bare year such as `2025`, a counter) are
 * not publication times, so anything before 1973 in seconds is refused.
 */
function fromTimestamp(n: number): string | null {
  if (!Number.isFinite(n) || n < 1e8) return null
  const ms = n >= 1e11 ? n : n * 1000
  const date = new Date(ms)
  const year = date.getUTCFullYear()
  if (year < 1970 || year > 2100) return null
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    // YAML 1.1 and TOML turn a bare `2025-02-13` into midnight UTC: that means "this day".
    return fromString(value.toISOString().replace(/T00:00:00(\.000)?Z$/, ''))
  }
  if (typeof value === 'number') {
    // YAML reads an unquoted `20250213` as a number.
    if (Number.isInteger(value) && value >= 19700101 && value <= 21001231) {
      return fromString(String(value))
    }
    return fromTimestamp(value)
  }
  if (typeof value === 'string') return fromString(value)
  return null
}

function plausible(y: string, mo: string, d: string): string | null {
  const year = Number(y)
  if (year < 1970 || year > 2100) return null
  return format({ y: year, mo: Number(mo), d: Number(d) })
}

/** Dates that blogs and scrapers put in paths: `2025/02/13/slug.md`, `2025-02-13-slug.md`. */
export function dateFromPath(relPath: string): string | null {
  const path = relPath.replace(/\\/g, '/')
  const slash = path.lastIndexOf('/')
  const file = path.slice(slash + 1)
  const dir = slash >= 0 ? path.slice(0, slash) : ''

  const inName =
    /^(\d{4})[-_.](\d{2})[-_.](\d{2})(?=[-_.\s]|$)/.exec(file) ??
    /^(\d{4})(\d{2})(\d{2})(?=[-_.\s]|$)/.exec(file)
  if (inName) return plausible(inName[1]!, inName[2]!, inName[3]!)

  const inDirs = [...`/${dir}/`.matchAll(/\/(\d{4})\/(\d{1,2})\/(\d{1,2})(?=\/)/g)].pop()
  if (inDirs) return plausible(inDirs[1]!, inDirs[2]!, inDirs[3]!)

  const dated = [...`/${dir}/`.matchAll(/\/(\d{4})-(\d{2})-(\d{2})(?=[-_/])/g)].pop()
  return dated ? plausible(dated[1]!, dated[2]!, dated[3]!) : null
}
