import { en, type MessageKey, type Messages } from './en'
import { messageText } from './plural'
import { zhCN } from './zh-CN'
import { problemTextsZh } from './problems.zh-CN'
import { settings } from '../lib/state/settings.svelte'
import { describer, problemTextsEn, type Describe } from '../../src-main/shared/messages-en'
import type { Problem } from '../../src-main/shared/problems'

const tables: Record<string, Messages> = { en, 'zh-CN': zhCN }
// English comes from the same table the CLI prints with, so the two cannot drift.
const problemTables: Record<string, Describe> = {
  en: describer(problemTextsEn),
  'zh-CN': describer(problemTextsZh),
}

/** Looks up a UI string in the current language. Reading `settings.language` makes every
 * template that calls `t` update when the language changes. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const table = tables[settings.language] ?? en
  return messageText(table[key] ?? en[key] ?? key, params, settings.language)
}

/** A problem code from the archive (an error, an import warning, a picture's failure) in the
 * current language; the archive's own English `message` is never shown. */
export function describe(p: Problem): string {
  return (problemTables[settings.language] ?? problemTables.en!)(p)
}

/** Label text for keys built at run time (`status_failed`, `lang_en`); falls back to the raw value. */
export function tOr(key: string, fallback: string): string {
  return key in en ? t(key as MessageKey) : fallback
}

export function formatNumber(n: number): string {
  return n.toLocaleString(settings.language)
}

export type { MessageKey }
