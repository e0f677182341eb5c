// `npm run bench`: prints figures and ratios; never fails on time. Pick parts with arguments:
// `npm run bench -- import search`; `npm run bench -- scale --articles 1000000` for issue 13's
// whole table at one size.
import { benchClusters } from './clusters'
import { benchImages } from './images'
import { benchImport } from './import'
import { benchScale } from './scale'
import { benchSearchShown } from './search-shown'
import { archiveFiles, archiveOf, benchSearch } from './search'
import { benchFirstAnswer } from './first-answer'
import { benchUi } from './ui'
import { benchWatch } from './watch'
import { benchPairs } from './pairs'

const args = process.argv.slice(2)
const flag = args.indexOf('--articles')
const articles = flag >= 0 ? Number(args[flag + 1]) : NaN
if (flag >= 0 && !(Number.isInteger(articles) && articles > 0)) {
  console.error('bench: --articles takes a positive whole number.')
  process.exit(2)
}
const n = (env: string | undefined, dflt: number) => (flag >= 0 ? articles : Number(env ?? dflt))

const parts: Record<string, () => Promise<void>> = {
  import: async () => void (await benchImport(n(process.env.BENCH_IMPORT_N, 20_000))),
  search: async () => void (await benchSearch(n(process.env.BENCH_SEARCH_N, 100_000))),
  'search-shown': () => benchSearchShown(n(process.env.BENCH_SEARCH_N, 100_000)),
  // needs `npx electron-vite build` first (it starts the built `lectern serve`)
  first: async () => {
    const count = n(process.env.BENCH_SEARCH_N, 100_000)
    ;(await archiveOf(count)).close()
    const files = archiveFiles(count)
    await benchFirstAnswer(files.archive, files.plain)
  },
  images: () => benchImages(n(process.env.BENCH_IMAGES_N, 1000)),
  ui: async () => void (await benchUi(n(process.env.BENCH_SEARCH_N, 100_000))),
  clusters: () => benchClusters(n(process.env.BENCH_CLUSTERS_N, 300)),
  watch: () => benchWatch(n(process.env.BENCH_WATCH_N, 10)),
  scale: () => benchScale(n(undefined, 1_000_000)),
  pairs: () => benchPairs(n(process.env.BENCH_SEARCH_N, 100_000)),
}

const wanted = args.filter((a) => a in parts)
// `scale` runs only when asked for: it is long; `first` too: it needs a build; `pairs` too: it
// writes two full-text indexes of the archive to answer one question (README: "Where the
// slowest searches go").
const all = Object.keys(parts).filter((p) => !['scale', 'first', 'pairs'].includes(p))
for (const name of wanted.length ? wanted : all) await parts[name]!()
