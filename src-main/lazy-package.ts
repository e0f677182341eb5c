import { createRequire } from 'node:module'

const load = createRequire(import.meta.url)

/**
 * A package loaded on its first use instead of when Lectern starts. Every `lectern` command, serve
 * and the desktop load the whole main bundle before doing anything: packages only an import or an
 * export needs (YAML, TOML, legacy encodings) cost each of them about 60 ms of start-up, and the
 * first search answered after start waited for them. Only CommonJS builds are asked for (`require`
 * of an ES module needs a newer Node than some Electron releases carry).
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= load(name) as T)
}
