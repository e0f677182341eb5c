import { t } from '../i18n'
import { settings } from './state/settings.svelte'

/** `2026-07-30T16:04:22+08:00` → a short local date; the stored text is shown as written. */
export function formatDate(iso: string | null): string {
  if (!iso) return t('noDate')
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (!m) return iso
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return d.toLocaleDateString(settings.language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  })
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return t('secondsShort', { n: s })
  return t('minutesShort', { m: Math.floor(s / 60), s: s % 60 })
}

/** A size on disk: `812 B`, `4.2 KB`, `31 MB` (units read the same in every UI language). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = Math.max(0, n)
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  const digits = i === 0 || v >= 10 ? 0 : 1
  return `${v.toLocaleString(settings.language, { maximumFractionDigits: digits })} ${units[i]}`
}
