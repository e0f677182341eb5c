import js from '@eslint/js'
import ts from 'typescript-eslint'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'

// The import-direction rule is the point of this file: the contract (src-main/shared) imports
// nothing from Node, Electron or the DOM, and the renderer imports only the contract.
const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url']

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
