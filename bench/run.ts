// `npm run bench`: prints figures and ratios; never fails on time. Pick parts with arguments:
// `npm run bench -- import search`.
import { benchClusters } from './clusters'
import { benchImages } from './images'
import { benchImport } from './import'
import { benchSearch } from './search'
import { benchSearchShown } from './search-shown'
import { benchUi } from './ui'
import { benchWatch } from './watch'

const parts: Record<string, () => Promise<void>> = {
  import: () => benchImport(Number(process.env.BENCH_IMPORT_N ?? 20_000)),
  search: () => benchSearch(Number(process.env.BENCH_SEARCH_N ?? 100_000)),
  'search-shown': () => benchSearchShown(Number(process.env.BENCH_SEARCH_N ?? 100_000)),
  images: () => benchImages(Number(process.env.BENCH_IMAGES_N ?? 1000)),
  ui: () => benchUi(Number(process.env.BENCH_SEARCH_N ?? 100_000)),
  clusters: () => benchClusters(Number(process.env.BENCH_CLUSTERS_N ?? 300)),
  watch: () => benchWatch(Number(process.env.BENCH_WATCH_N ?? 10)),
}

const wanted = process.argv.slice(2).filter((a) => a in parts)
for (const name of wanted.length ? wanted : Object.keys(parts)) await parts[name]!()
