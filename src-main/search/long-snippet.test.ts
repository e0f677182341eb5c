import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openArchive, type Archive } from '../db/open'
import { importFolders } from '../import/importer'
import { searchArchive } from './search'
import type { SearchHit } from '../shared/search-types'
import { tempTree } from '../test-support/tmp'

// Long articles: the snippet is looked for in the opening first, the whole text when needed.

const filler = (word: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${word} ${i} of the long report goes on here.`).join('\n\n')
const doc = (title: string, body: string) => `---\ntitle: "${title}"\nlang: en\n---\n\n${body}\n`

const FILES = {
  'early.md': doc('Early', `The harbour reopened today.\n\n${filler('Paragraph', 200)}`),
  'late.md': doc('Late', `${filler('Section', 200)}\n\nAt last the lighthouse was lit.`),
  'both.md': doc(
    'Both',
    `A comet was seen.\n\n${filler('Entry', 200)}\n\nThe comet passed over the glacier at dawn.`,
  ),
}

let db: Archive
let tree: ReturnType<typeof tempTree>
beforeAll(async () => {
  tree = tempTree(FILES)
  db = openArchive(':memory:')
  await importFolders(db, [tree.dir])
})
afterAll(() => {
  db.close()
  tree.cleanup()
})

const marked = (s: SearchHit['snippet']) => s.marks.map(([a, b]) => s.text.slice(a, b))
const snippet = (query: string) => {
  const [hit] = searchArchive(db, { query }).hits
  expect(hit).toBeDefined()
  return hit!.snippet
}

describe('snippets of long articles', () => {
  it('shows a match in the opening, with … where the article goes on', () => {
    const s = snippet('harbour')
    expect(marked(s)).toEqual(['harbour'])
    expect(s.text.endsWith('…')).toBe(true)
  })

  it('finds a match far past the opening', () => {
    const s = snippet('lighthouse')
    expect(marked(s)).toEqual(['lighthouse'])
    expect(s.text.startsWith('…')).toBe(true)
  })

  it('prefers the passage with every word of the query, wherever it is', () => {
    expect(marked(snippet('comet glacier'))).toEqual(['comet', 'glacier'])
  })
})
