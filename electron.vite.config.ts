import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { svelte } from '@sveltejs/vite-plugin-svelte'

// Native and large CommonJS packages stay external: they are loaded from node_modules at run time
// (better-sqlite3 must be, since its binary is chosen per runtime; see src-main/db/native.ts).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli/index.ts'),
          // The import's parse workers (src-main/import/pool.ts starts it from out/main).
          'parse-worker': resolve(__dirname, 'src-main/import/parse-worker.ts'),
          // The facet index built off the main thread after the first answer (search/facet-build.ts).
          'facet-worker': resolve(__dirname, 'src-main/search/facet-worker.ts'),
          // A search's matching ids, read while the main thread ranks (search/id-reader.ts).
          'id-worker': resolve(__dirname, 'src-main/search/id-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
    plugins: [svelte()],
  },
})
