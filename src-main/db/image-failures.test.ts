import { describe, expect, it } from 'vitest'
import { openArchive, type Archive } from './open'
import { imageRefsOf, markDownloadFailed } from './images'
import { importFolders } from '../import/importer'
import { article, tempTree } from '../test-support/tmp'
import { closedAfterEach } from '../test-support/cleanup'

let tree: ReturnType<typeof tempTree> | undefined
let db: Archive | undefined
const later = closedAfterEach()

async function oneRemotePicture() {
  tree = later(tempTree({ 'a.md': article('A', '![x](https://img.example/x.png)') }))
  db = later(openArchive(':memory:'))
  const report = await importFolders(db, [tree.dir])
  return report.files[0]!.id!
}

describe('a picture’s failure in the archive', () => {
  it('is kept as its code and parameters, to be worded in any language later', async () => {
    const id = await oneRemotePicture()
    markDownloadFailed(
      db!,
      'https://img.example/x.png',
      { code: 'private-address', params: { address: '10.0.0.7' } },
      '2026-12-01T00:00:00Z',
    )
    expect(imageRefsOf(db!, id)[0]).toMatchObject({
      status: 'failed',
      error: { code: 'private-address', params: { address: '10.0.0.7' } },
    })
  })

  it('written as English by an older Lectern, is shown as such until the next fetch', async () => {
    const id = await oneRemotePicture()
    db!.prepare(`UPDATE image_refs SET status = 'failed', error = 'HTTP 404 Not Found'`).run()
    expect(imageRefsOf(db!, id)[0]?.error).toEqual({
      code: 'earlier-failure',
      params: { text: 'HTTP 404 Not Found' },
    })
  })
})
