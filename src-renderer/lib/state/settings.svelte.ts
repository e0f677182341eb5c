// Reader and UI preferences, persisted in localStorage. One object, validated on load, so a
// stale or hand-edited entry never breaks the app.
export type Theme = 'system' | 'light' | 'dark'
export type UiLanguage = 'en' | 'zh-CN'
export type RemoteImages = 'ask' | 'always'
export type QuoteStyle = 'apa' | 'chicago' | 'mla' | 'gb7714'
/** The citation's language: the UI's, or one chosen for it. */
export type QuoteLocale = 'ui' | 'en' | 'zh-CN'
const QUOTE_STYLES: readonly string[] = ['apa', 'chicago', 'mla', 'gb7714']
/** When an open article becomes read by itself. */
export type MarkRead = 'time' | 'end' | 'never'

export interface SettingsData {
  theme: Theme
  fontSize: number
  readerWidth: number
  language: UiLanguage
  remoteImages: RemoteImages
  /** Desktop only: downloads may reach loopback and private addresses (intranet archives). */
  allowPrivateHosts: boolean
  /** "Copy quote" cites in this style and language. */
  citationStyle: QuoteStyle
  citationLocale: QuoteLocale
  markRead: MarkRead
  /** With `time`: seconds open before it counts as read. */
  markReadSeconds: number
  /** Results show one row per story cluster (the other versions behind "5 versions"). */
  groupStories: boolean
}

const KEY = 'lectern.settings'
export const FONT_MIN = 13
export const FONT_MAX = 28
export const WIDTH_MIN = 28
export const WIDTH_MAX = 60
export const READ_SECONDS_MIN = 1
export const READ_SECONDS_MAX = 600

function defaultLanguage(): UiLanguage {
  const nav = typeof navigator === 'undefined' ? 'en' : navigator.language
  return nav.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

function defaults(): SettingsData {
  return {
    theme: 'system',
    fontSize: 18,
    readerWidth: 40,
    language: defaultLanguage(),
    remoteImages: 'ask',
    allowPrivateHosts: false,
    citationStyle: 'apa',
    citationLocale: 'ui',
    markRead: 'time',
    markReadSeconds: 15,
    groupStories: true,
  }
}

const clamp = (n: unknown, lo: number, hi: number, d: number) =>
  typeof n === 'number' && Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.round(n))) : d

function load(): SettingsData {
  const d = defaults()
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<SettingsData>
    return {
      theme: ['system', 'light', 'dark'].includes(raw.theme as string)
        ? (raw.theme as Theme)
        : d.theme,
      fontSize: clamp(raw.fontSize, FONT_MIN, FONT_MAX, d.fontSize),
      readerWidth: clamp(raw.readerWidth, WIDTH_MIN, WIDTH_MAX, d.readerWidth),
      language: raw.language === 'en' || raw.language === 'zh-CN' ? raw.language : d.language,
      remoteImages: raw.remoteImages === 'always' ? 'always' : 'ask',
      allowPrivateHosts: raw.allowPrivateHosts === true,
      citationStyle: QUOTE_STYLES.includes(raw.citationStyle as string)
        ? (raw.citationStyle as QuoteStyle)
        : d.citationStyle,
      citationLocale:
        raw.citationLocale === 'en' || raw.citationLocale === 'zh-CN' ? raw.citationLocale : 'ui',
      markRead: ['time', 'end', 'never'].includes(raw.markRead as string)
        ? (raw.markRead as MarkRead)
        : d.markRead,
      markReadSeconds: clamp(
        raw.markReadSeconds,
        READ_SECONDS_MIN,
        READ_SECONDS_MAX,
        d.markReadSeconds,
      ),
      groupStories: raw.groupStories !== false,
    }
  } catch {
    return d
  }
}

export class Settings {
  #data = $state<SettingsData>(load())

  get theme() {
    return this.#data.theme
  }
  get fontSize() {
    return this.#data.fontSize
  }
  get readerWidth() {
    return this.#data.readerWidth
  }
  get language() {
    return this.#data.language
  }
  get remoteImages() {
    return this.#data.remoteImages
  }
  get allowPrivateHosts() {
    return this.#data.allowPrivateHosts
  }
  get markRead() {
    return this.#data.markRead
  }
  get markReadSeconds() {
    return this.#data.markReadSeconds
  }

  get citationStyle() {
    return this.#data.citationStyle
  }
  /** The citation's language as the engine takes it. */
  get citationLocale(): 'en' | 'zh-CN' {
    return this.#data.citationLocale === 'ui' ? this.#data.language : this.#data.citationLocale
  }
  get citationLocaleSetting() {
    return this.#data.citationLocale
  }
  get groupStories() {
    return this.#data.groupStories
  }

  update(patch: Partial<SettingsData>): void {
    const next = { ...this.#data, ...patch }
    next.fontSize = clamp(next.fontSize, FONT_MIN, FONT_MAX, 18)
    next.readerWidth = clamp(next.readerWidth, WIDTH_MIN, WIDTH_MAX, 40)
    next.markReadSeconds = clamp(next.markReadSeconds, READ_SECONDS_MIN, READ_SECONDS_MAX, 15)
    this.#data = next
    try {
      localStorage.setItem(KEY, JSON.stringify(next))
    } catch {
      // storage full or disabled: the setting still applies to this session
    }
  }

  zoom(step: number): void {
    this.update({ fontSize: this.#data.fontSize + step })
  }

  reset(): void {
    this.#data = defaults()
  }
}

export const settings = new Settings()
