import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { openArchive } from '../db/open'
import { Accounts, canonicalName } from './accounts'
import { tempTree } from '../test-support/tmp'

const FAST = { N: 2 ** 10, r: 8, p: 1 }

function accounts(file = ':memory:') {
  const db = openArchive(file, { create: true })
  return { db, acc: new Accounts(() => db, { cost: FAST, throttle: { free: 1000 } }) }
}

const code = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p)
    return 'ok'
  } catch (e) {
    return (e as { code?: string }).code
  }
}

describe('accounts', () => {
  it.each([
    ['Alice', 'alice'],
    ['  ｂｏｂ ', 'bob'],
    ['张伟', '张伟'],
    ['li.na_2-x', 'li.na_2-x'],
    ['', null],
    ['.hidden', null],
    ['a b', null],
    ['a/b', null],
    ['x'.repeat(65), null],
    ['<script>', null],
  ])('name %j is %j', (raw, name) => {
    expect(canonicalName(raw)).toBe(name)
  })

  it('refuses a taken name, a bad name, a short password, an unknown account', async () => {
    const { acc } = accounts()
    await acc.add('Ann', 'admin', 'ann password')
    expect(await code(acc.add('ANN', 'reader', 'other password'))).toBe('user-exists')
    expect(await code(acc.add('a b', 'reader', 'long enough'))).toBe('bad-user-name')
    expect(await code(acc.add('bob', 'reader', 'short'))).toBe('weak-password')
    expect(await code(acc.add('bob', 'reader', 'x'.repeat(1025)))).toBe('weak-password')
    expect(await code(acc.setPassword('nobody', 'long enough'))).toBe('no-such-user')
    expect(await code(() => acc.setRole('nobody', 'reader'))).toBe('no-such-user')
    expect(acc.list().map((u) => `${u.name}:${u.role}`)).toEqual(['ann:admin'])
  })

  it('always keeps an admin', async () => {
    const { acc } = accounts()
    await acc.add('ann', 'admin', 'ann password')
    await acc.add('bob', 'reader', 'bob password')
    expect(await code(() => acc.remove('ann'))).toBe('last-admin')
    expect(await code(() => acc.setRole('ann', 'editor'))).toBe('last-admin')
    acc.setRole('bob', 'admin')
    acc.remove('ann')
    expect(acc.list().map((u) => u.name)).toEqual(['bob'])
  })

  it('keeps no password, session or token in the archive file as given', async () => {
    const tree = tempTree()
    try {
      const { db, acc } = accounts(tree.path('a.db'))
      await acc.add('ann', 'admin', 'hunter2 hunter2')
      const s = await acc.signIn('ann', 'hunter2 hunter2', '127.0.0.1')
      const { token } = acc.createToken('ann', 'reader')
      expect(acc.sessionCaller(s.sessionId)).toEqual({ owner: 'ann', role: 'admin', account: true })
      expect(acc.tokenCaller(token)).toEqual({ owner: 'ann', role: 'reader', account: true })
      db.pragma('wal_checkpoint(TRUNCATE)')
      db.close()
      const bytes = readFileSync(tree.path('a.db')).toString('latin1')
      for (const secret of ['hunter2', s.sessionId, token, token.slice(8)]) {
        expect(bytes.includes(secret), secret).toBe(false)
      }
    } finally {
      tree.cleanup()
    }
  })

  it('records when an account was last seen', async () => {
    const { acc } = accounts()
    await acc.add('ann', 'reader', 'ann password')
    expect(acc.list()[0]!.lastSeen).toBeNull()
    await acc.signIn('ann', 'ann password', '::1')
    expect(acc.list()[0]!.lastSeen).toMatch(/^\d{4}-\d\d-\d\dT/)
    // an account used only by a script is seen too
    await acc.add('bot', 'editor', 'bot password')
    acc.tokenCaller(acc.createToken('bot', 'reader').token)
    expect(acc.list().find((u) => u.name === 'bot')!.lastSeen).not.toBeNull()
  })
})
