// `npm run bench`: prints figures and ratios; never fails on time. Pick parts with arguments:
// `npm run bench -- import search`.
import { benchImages } from './images'
import { benchImport } from './import'
import { benchSearch } from './search'
import { benchUi } from './ui'

const parts: Record<string, () => Promise<void>> = {
  import: async () => void (await benchImport(Number(process.env.BENCH_IMPORT_N ?? 20_000))),
  search: async () => void (await benchSearch(Number(process.env.BENCH_SEARCH_N ?? 100_000))),
  images: () => benchImages(Number(process.env.BENCH_IMAGES_N ?? 1000)),
  ui: () => benchUi(Number(process.env.BENCH_SEARCH_N ?? 100_000)),
}

const wanted = process.argv.slice(2).filter((a) => a in parts)
for (const name of wanted.length ? wanted : Object.keys(parts)) await parts[name]!()
