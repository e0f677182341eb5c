import { describe, expect, it, vi } from 'vitest'
import { openArchive } from '../db/open'
import { ArchiveService } from './service'
import { createDispatcher } from './dispatcher'
import { LecternError } from '../shared/errors'
import type { LecternApi } from '../shared/api'

function real(canImport = true) {
  const service = new ArchiveService({ db: openArchive(':memory:'), path: ':memory:', canImport })
  return createDispatcher(service)
}

/** A service whose `stats` throws what the test gives it. */
function throwing(e: unknown) {
  const service = { stats: () => Promise.reject(e) } as unknown as LecternApi
  return createDispatcher(service)
}

describe('errors crossing the dispatcher', () => {
  it('carry one code, its parameters, and an English message for logs and the CLI', async () => {
    const cases: [string, unknown, object][] = [
      ['nope', undefined, { code: 'unknown-method', params: { method: 'nope' } }],
      [
        'search',
        { query: 'x', limit: 0 },
        {
          code: 'bad-arguments',
          params: { at: 'search.limit', rule: 'whole-number', min: 1, max: 1000 },
          message: 'search.limit must be a whole number from 1 to 1000',
        },
      ],
      [
        'search',
        { query: 'x', sort: 'random' },
        { code: 'bad-arguments', params: { at: 'search.sort', rule: 'one-of' } },
      ],
      [
        'article',
        { id: 1, colour: 'red' },
        { code: 'bad-arguments', params: { at: 'article.colour', rule: 'unknown-key' } },
      ],
      ['stats', { x: 1 }, { code: 'bad-arguments', params: { at: 'stats', rule: 'no-arguments' } }],
      ['importFolders', { folders: [] }, { code: 'no-folders' }],
      [
        'importFolders',
        { folders: ['/no/such/folder'] },
        { code: 'not-a-folder', params: { folder: '/no/such/folder' } },
      ],
      [
        'fetchImages',
        { articleId: 999 },
        { code: 'not-found', params: { id: 999 }, message: 'No article with id 999' },
      ],
    ]
    const dispatch = real()
    for (const [method, args, error] of cases) {
      const r = await dispatch(method, args)
      expect(r, method).toMatchObject({ ok: false, error })
      expect(r.ok || typeof r.error.message).toBe('string')
    }
  })

  it('refuses writes on a read-only archive with a code naming the action', async () => {
    const dispatch = real(false)
    expect(await dispatch('importFolders', { folders: ['/tmp'] })).toMatchObject({
      ok: false,
      error: { code: 'read-only', params: { action: 'import' } },
    })
    expect(await dispatch('fetchImages', {})).toMatchObject({
      ok: false,
      error: { code: 'read-only', params: { action: 'fetch-images' } },
    })
  })

  it('answers a search the archive cannot run with a code, not a sentence', async () => {
    const r = await real()('search', { query: '？！（）' })
    expect(r).toMatchObject({
      ok: true,
      value: { total: 0, hits: [], error: { code: 'unsearchable-query' } },
    })
  })

  it('keeps the code a LecternError was thrown with, from any layer', async () => {
    const e = new LecternError('archive-too-new', { file: '/a.db', version: 9, known: 4 })
    expect(await throwing(e)('stats', undefined)).toEqual({
      ok: false,
      error: {
        code: 'archive-too-new',
        params: { file: '/a.db', version: 9, known: 4 },
        message: e.message,
      },
    })
  })

  it('classifies by class, never by message: any other exception is internal and says nothing of itself', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      for (const e of [
        new Error('Not a folder: /home/me/secret'),
        new TypeError("Cannot read properties of undefined (reading 'x')"),
        'a string',
        null,
      ]) {
        const r = await throwing(e)('stats', undefined)
        expect(r).toEqual({
          ok: false,
          error: {
            code: 'internal',
            message: 'Something went wrong inside Lectern; the details are in its log.',
          },
        })
      }
      // the details are not lost: they go to the log
      expect(log).toHaveBeenCalledWith('lectern: internal error', expect.any(TypeError))
    } finally {
      log.mockRestore()
    }
  })
})
