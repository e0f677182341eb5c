import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { build } from 'esbuild'

// The benches' imports run as Lectern runs for its users: built. From sources (tsx) each of the
// import's parse workers registers tsx and transpiles its modules as it starts, and tsx's hooks
// sit on every module the import loads: on 20,000 articles the same import took 7.9–8.1 s from
// sources and 7.4 s built (`lectern import`, its start-up left out). That is time no user waits,
// and it weighed on Lectern's side of the comparison with the plain pipeline only.
//
// So the Lectern build is made (electron-vite: out/main, with its parse-worker.js), and
// bench/import-child.ts is bundled beside it (esbuild, the bundler tsx itself uses: the bench's
// own script is not part of the app's build). Bundled into out/main/bench/, its importer starts
// the built out/main/parse-worker.js, as out/main/cli.js does (see src-main/worker-start.ts).

const root = join(import.meta.dirname, '..')
let script: Promise<string> | null = null

/** The built import child (once per bench run): Lectern's build, then the child bundled. */
export function builtImportChild(): Promise<string> {
  script ??= (async () => {
    const t = performance.now()
    const made = spawnSync(
      process.execPath,
      [join(root, 'node_modules/.bin/electron-vite'), 'build'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
    if (made.status !== 0) throw new Error(`electron-vite build failed:\n${made.stderr}`)
    const outfile = join(root, 'out', 'main', 'bench', 'import-child.js')
    await build({
      entryPoints: [join(import.meta.dirname, 'import-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'error',
    })
    console.log(
      `  (Lectern built for the imports below in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    )
    return outfile
  })()
  return script
}

/** Runs the built import child with these arguments; its last line of output, parsed. */
export async function runBuiltChild<T>(args: string[]): Promise<T> {
  const child = spawn(process.execPath, [await builtImportChild(), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s))
  return new Promise((ok, fail) =>
    child.once('exit', (code) =>
      code === 0
        ? ok(JSON.parse(out.trim().split('\n').pop()!) as T)
        : fail(new Error(`import child exited with ${code}`)),
    ),
  )
}
