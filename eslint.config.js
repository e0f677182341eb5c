import js from '@eslint/js'
import ts from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'

// The import-direction rule is the point of this file: the contract (src-main/shared) imports
// nothing from Node, Electron or the DOM, the renderer imports only the contract, and inside
// src-main each layer imports only the layers below it.
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url']

// The layers of src-main, lowest first; each may import only the layers listed for it:
//
//   shared              the pure contract: imports nothing (its own block below)
//   text                normalisation: shared
//   clusters            story clusters' pure core (shingles, MinHash, diff): + text
//   db                  the archive, its migrations and its SQL: + text, clusters
//   images, search      pictures, queries: + db
//   import              files into the archive: + images
//   export              articles out of the archive into files: + search, import
//   keep                edits and bulk changes, checking the user's values: + import
//   archive             backup and check of the archive file and picture store: + images
//   watch               watched folders, imported in batches: + import
//   api                 the service and the dispatcher: + search, keep, archive, watch, export, app-root
//   transport           ipc.ts, http.ts: shared and api only, nothing else (thin)
//   electron            the window's settings, menu, media scheme: up to api
//   cli                 the lectern command: up to transport
//   preload             shared only (wire names, bundled into the sandboxed preload)
//   index.ts            the Electron entry, on top of all
//
// Tests may cross layers (an integration test joins them); test-support is for tests only.
const LAYERS = {
  text: ['shared'],
  clusters: ['shared', 'text'],
  db: ['shared', 'text', 'clusters'],
  images: ['shared', 'text', 'clusters', 'db'],
  search: ['shared', 'text', 'clusters', 'db'],
  import: ['shared', 'text', 'clusters', 'db', 'images'],
  export: ['shared', 'text', 'clusters', 'db', 'images', 'search', 'import'],
  keep: ['shared', 'text', 'clusters', 'db', 'images', 'import'],
  archive: ['shared', 'text', 'clusters', 'db', 'images'],
  watch: ['shared', 'text', 'clusters', 'db', 'images', 'import'],
  api: [
    'shared',
    'text',
    'clusters',
    'db',
    'images',
    'search',
    'import',
    'keep',
    'archive',
    'watch',
    'export',
    'app-root',
  ],
  transport: ['shared', 'api'],
  electron: [
    'shared',
    'text',
    'clusters',
    'db',
    'images',
    'search',
    'import',
    'export',
    'api',
    'app-root',
  ],
  cli: [
    'shared',
    'text',
    'clusters',
    'db',
    'images',
    'search',
    'import',
    'export',
    'api',
    'transport',
    'app-root',
  ],
  preload: ['shared'],
}
const TOP = [...Object.keys(LAYERS), 'shared', 'app-root', 'index', 'test-support']
const MAY_USE_ELECTRON = ['electron', 'transport', 'preload']

function layerRules(layer, allowed) {
  const banned = TOP.filter((t) => t !== layer && !allowed.includes(t))
  const patterns = [
    {
      regex: `^(\\.\\./)+(${banned.join('|')})(/|$)`,
      message: `${layer}/ may import only ${allowed.join(', ')} (the layers below it; see eslint.config.js).`,
    },
    {
      regex: '^(\\.\\./)+src-renderer/',
      message: 'The main process does not import the renderer.',
    },
  ]
  if (layer !== 'db')
    patterns.push({ group: ['better-sqlite3'], message: 'Only db/ opens SQLite.' })
  if (!MAY_USE_ELECTRON.includes(layer)) {
    patterns.push({
      group: ['electron'],
      message: 'Electron is for electron/, transport/ipc and the preload.',
    })
  }
  return {
    files: [`src-main/${layer}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  }
}

// SQL lives in db/ and in search's query builder (search.ts, filters.ts), nowhere else: an SQL
// keyword in a string, or a prepared statement, anywhere else in src-main fails lint.
const SQL = '/\\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER TABLE|PRAGMA|MATCH)\\b/'
const SQL_HOMES = ['src-main/db/**', 'src-main/search/search.ts', 'src-main/search/filters.ts']

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src-main/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeModules, 'electron', 'better-sqlite3'],
              message: 'The contract is pure.',
            },
            { regex: '^\\.\\./', message: 'The contract imports nothing outside src-main/shared.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer'],
    },
  },
  ...Object.entries(LAYERS).map(([layer, allowed]) => layerRules(layer, allowed)),
  {
    files: ['src-main/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^\\./(test-support|cli|preload)(/|$)', message: 'Not from the entry.' },
            {
              regex: '^\\.\\./src-renderer/',
              message: 'The main process does not import the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: [...SQL_HOMES, '**/*.test.ts', 'src-main/test-support/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `Literal[value=${SQL}]`,
          message: 'SQL lives in db/ (and search/search.ts, search/filters.ts).',
        },
        {
          selector: `TemplateElement[value.raw=${SQL}]`,
          message: 'SQL lives in db/ (and search/search.ts, search/filters.ts).',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(prepare|pragma)$/]',
          message: 'Statements are prepared in db/.',
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...nodeModules, 'electron', 'better-sqlite3'],
              message: 'Not in the renderer.',
            },
            {
              regex: '^(\\.\\./)+src-main/(?!shared/)',
              message: 'The renderer may import only the contract (src-main/shared).',
            },
          ],
        },
      ],
    },
  },
)
