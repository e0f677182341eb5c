import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from './passwords'

const COST = { N: 2 ** 10, r: 8, p: 1 }

describe('passwords', () => {
  it('are kept as scrypt with their own salt and cost, never as given', async () => {
    const [a, b] = [
      await hashPassword('correct horse', COST),
      await hashPassword('correct horse', COST),
    ]
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/)
    expect(a).not.toContain('correct horse')
    // same password, another salt: another hash
    expect(a.split('$')[4]).not.toBe(b.split('$')[4])
    expect(a).not.toBe(b)
  })

  it('match only the right password, whatever the cost it was made with', async () => {
    const stored = await hashPassword('correct horse', COST)
    expect(await verifyPassword('correct horse', stored)).toBe(true)
    expect(await verifyPassword('correct horsf', stored)).toBe(false)
    expect(await verifyPassword('', stored)).toBe(false)
    const dearer = await hashPassword('correct horse', { N: 2 ** 11, r: 8, p: 2 })
    expect(await verifyPassword('correct horse', dearer)).toBe(true)
  })

  it('are compared in one Unicode form (a full-width or composed letter is the same)', async () => {
    const stored = await hashPassword('ｐａｓｓｗｏｒｄ café', COST)
    expect(await verifyPassword('password cafe\u0301', stored)).toBe(true)
  })

  it('never match a damaged hash', async () => {
    const good = await hashPassword('correct horse', COST)
    const [, N, r, p, salt, key] = good.split('$')
    for (const bad of [
      '',
      'correct horse',
      `bcrypt$${N}$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}`,
      `scrypt$x$${r}$${p}$${salt}$${key}`,
      `scrypt$${N}$${r}$${p}$${salt}$${key!.slice(4)}`,
    ]) {
      expect(await verifyPassword('correct horse', bad), bad).toBe(false)
    }
  })
})
