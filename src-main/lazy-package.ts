import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

/**
 * A package loaded on its first use instead of when Lectern starts. Every `lectern` command, serve
 * and the desktop load the whole main bundle before doing anything: packages only an import, an
 * export or a comparison of versions needs (YAML, TOML, legacy encodings, DOMPurify, jsdiff,
 * jsdom, nodepub) cost each of them start-up time (YAML, TOML and the encodings alone about 60
 * ms), and the first search answered after start waited for them. Only CommonJS builds are asked
 * for (`require` of an ES module needs a newer Node than some Electron releases carry).
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= load(name) as T)
}
