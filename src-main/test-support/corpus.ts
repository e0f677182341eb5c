import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The shared news corpus beside the checkout; absent on a user's clone, where tests skip. */
export const CORPUS = join(__dirname, '../../../shared/corpus/news')
export const hasCorpus = existsSync(CORPUS)
export const NO_CORPUS = `skipped: the news corpus is not at ${CORPUS}`
