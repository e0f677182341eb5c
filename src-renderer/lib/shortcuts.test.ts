import { describe, expect, it } from 'vitest'
import { commandFor } from './shortcuts'

const key = (k: string, o: { ctrl?: boolean; meta?: boolean; inField?: boolean } = {}) => ({
  key: k,
  ctrlKey: o.ctrl ?? false,
  metaKey: o.meta ?? false,
  altKey: false,
  inField: o.inField ?? false,
})

describe('commandFor', () => {
  it.each([
    [key('/'), 'focus-search'],
    [key('/', { inField: true }), null],
    [key('f', { ctrl: true }), 'focus-search'],
    [key('F', { meta: true }), 'focus-search'],
    [key('=', { ctrl: true }), 'zoom-in'],
    [key('+', { meta: true }), 'zoom-in'],
    [key('-', { ctrl: true }), 'zoom-out'],
    [key('o', { ctrl: true, inField: true }), 'import'],
    [key(',', { meta: true }), 'settings'],
    [key('j'), null],
  ])('%o → %s', (e, want) => expect(commandFor(e)).toBe(want))
})
