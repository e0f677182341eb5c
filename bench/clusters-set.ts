/**
 * The evaluation set for story clusters, made from the shared news corpus: a few hundred articles
 * (the bases) with versions of each, the way reprints differ in the wild, plus hard negatives
 * (articles of the same outlet and day, sharing a tag where they have tags, that tell other
 * stories). Deterministic for a given seed.
 */
import { readFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js'
import { mulberry32, type Rng } from './generate'
import { listFiles } from './util'
import { parseArticle } from '../src-main/import/parse'
import { withoutSourceLine } from '../src-main/text/source-line'
import { shingles, tokenize } from '../src-main/clusters/shingles'
import { storyText } from '../src-main/clusters/text'
import { DEFAULT_PARAMS } from '../src-main/clusters/params'

export interface EvalItem {
  /** Article id, in the order they are fed to the clusterer (import order). */
  id: number
  /** Truth: items with the same group tell the same story. */
  group: number
  kind: 'base' | 'version' | 'negative'
  outlet: string
  title: string
  /** The body as the archive keeps it (front matter apart). */
  markdown: string
  /** The whole file, for tests that import the set. */
  file: string
  /** Transforms applied to make this version, for the bench's list of misses. */
  made: string[]
}

interface Source {
  file: string
  outlet: string
  day: string
  title: string
  tags: string[]
  body: string
  lang: 'zh-Hans' | 'zh-Hant' | 'latin'
  sh: Uint32Array
}

const BOILERPLATE = {
  zh: [
    '本文转载自合作媒体，版权归原作者所有，如有侵权请联系删除。',
    '免责声明：本文仅供参考，不构成投资建议。',
    '欢迎关注我们的公众号，获取更多财经资讯。',
  ],
  latin: [
    'This article was originally published by a partner site and is republished with permission.',
    'Disclaimer: this content is for information only and is not investment advice.',
    'Sign up for our newsletter to get the top stories delivered to your inbox every morning.',
  ],
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!

function shuffle<T>(rng: Rng, xs: T[]): T[] {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1))
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

const paragraphs = (body: string) => body.split(/\n\s*\n/).filter((p) => p.trim() !== '')
// a split after sentence-ending punctuation keeps every character (a match-all regex would drop
// the dots of 8.57% and of URLs)
const SENTENCE_END = /(?<=[。！？!?])(?![。！？!?”」』"])|(?<=[.!?]["”]?)(?=\s)/

function cutSentences(rng: Rng, body: string, share: number): string {
  return paragraphs(body)
    .map((p) =>
      p
        .split(SENTENCE_END)
        .filter(() => rng() >= share)
        .join(''),
    )
    .filter((p) => p.trim() !== '')
    .join('\n\n')
}

function rewrap(body: string, cjk: boolean): string {
  const width = cjk ? 36 : 68
  return paragraphs(body)
    .map((p) => {
      if (/^\s*(#|>|[-*+] |\d+\.|\||!\[)/.test(p)) return p
      const flat = p.replace(/\s*\n\s*/g, cjk ? '' : ' ')
      if (cjk) return flat.match(new RegExp(`.{1,${width}}`, 'gsu'))!.join('\n')
      const lines: string[] = []
      let line = ''
      for (const w of flat.split(' ')) {
        if (line && line.length + w.length + 1 > width) {
          lines.push(line)
          line = w
        } else line = line ? `${line} ${w}` : w
      }
      if (line) lines.push(line)
      return lines.join('\n')
    })
    .join('\n\n')
}

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' })

function makeVersion(
  rng: Rng,
  s: Source,
  n: number,
): { title: string; body: string; made: string[] } {
  let body = withoutSourceLine(s.body).trimEnd()
  let title = s.title
  const made: string[] = []
  const cjk = s.lang !== 'latin'
  const want = (p: number) => rng() < p
  // every version is retitled and carries another outlet's source line
  title = cjk
    ? `${pick(rng, ['快讯', '独家', '最新', '深度'])}｜${title}`
    : `${pick(rng, ['UPDATE', 'Exclusive', 'Report'])}: ${title}`
  made.push('headline')
  if (want(0.7)) {
    body = cutSentences(rng, body, 0.1 + rng() * 0.2)
    made.push('cut')
  }
  if (want(0.5)) {
    body = shuffle(rng, paragraphs(body)).join('\n\n')
    made.push('reorder')
  }
  if (want(0.5)) {
    const b = pick(rng, cjk ? BOILERPLATE.zh : BOILERPLATE.latin)
    body = want(0.5) ? `${b}\n\n${body}` : `${body}\n\n${b}`
    made.push('boilerplate')
  }
  if (cjk && want(0.6)) {
    body = s.lang === 'zh-Hans' ? toTraditional(body) : toSimplified(body)
    title = s.lang === 'zh-Hans' ? toTraditional(title) : toSimplified(title)
    made.push('script')
  }
  if (want(0.5)) {
    body = rewrap(body, cjk)
    made.push('rewrap')
  }
  body += `\n\n[outlet${n}](https://outlet${n}.example/news/${Math.floor(rng() * 1e9)}.html)\n`
  return { title, body, made }
}

function frontMatter(title: string, day: string, outlet: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\ndate: "${day}"\ncategories:\n  - "${outlet}"\n---\n\n`
}

function readCorpus(dir: string): Source[] {
  const p = DEFAULT_PARAMS
  return listFiles(dir).map((file) => {
    const a = parseArticle(readFileSync(file, 'utf8'), file)
    const t = tokenize(storyText(a.markdown))
    const lang =
      t.cjk * 2 < t.hashes.length ? 'latin' : /zh-(HK|TW)/.test(file) ? 'zh-Hant' : 'zh-Hans'
    return {
      file,
      outlet: file.split('/').at(-2) ?? '',
      day: (a.date ?? '').slice(0, 10),
      title: a.title,
      tags: a.tags.map((x) => x.toLowerCase()),
      body: a.markdown,
      lang,
      sh: shingles(t, p),
    }
  })
}

const bigrams = (s: string) => {
  const t = s.toLowerCase().replace(/\s+/g, '')
  const out = new Set<string>()
  for (let i = 0; i + 1 < t.length; i++) out.add(t.slice(i, i + 2))
  return out
}
function titleSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  let both = 0
  for (const g of x) if (y.has(g)) both++
  return both / Math.max(1, x.size + y.size - both)
}

export interface EvalSet {
  items: EvalItem[]
  bases: number
  negatives: number
  /** Corpus articles left out because they may be reprints of each other (truth unknown). */
  ambiguous: number
}

/**
 * `bases` articles with `versions` versions each. The corpus has its own reprints; their truth is
 * not known, so an article is used only when every text it overlaps with (brute force, exact) is
 * clearly another story: a different headline and not contained in it.
 */
export function buildEvalSet(dir: string, bases = 300, versions = 3, seed = 11): EvalSet {
  const rng = mulberry32(seed)
  const all = readCorpus(dir).filter((s) => s.sh.length >= 40 && s.day !== '')
  const ambiguous = new Set<number>()
  // exact overlaps of every pair that shares a shingle, through an inverted index (all pairs
  // one by one would take a minute)
  const postings = new Map<number, number[]>()
  all.forEach((s, i) => {
    for (const h of s.sh) {
      const list = postings.get(h)
      if (list) list.push(i)
      else postings.set(h, [i])
    }
  })
  for (let i = 0; i < all.length; i++) {
    const shared = new Map<number, number>()
    for (const h of all[i]!.sh) {
      for (const j of postings.get(h)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1)
    }
    for (const [j, both] of shared) {
      const a = all[i]!.sh.length
      const b = all[j]!.sh.length
      const jaccard = both / (a + b - both)
      const containment = both / Math.min(a, b)
      if (jaccard < 0.05 && containment < 0.3) continue
      const titles = titleSimilarity(all[i]!.title, all[j]!.title)
      if (titles >= 0.25 || containment >= 0.9 || jaccard >= 0.6) {
        ambiguous.add(i)
        ambiguous.add(j)
      }
    }
  }
  const pool = all.filter((_, i) => !ambiguous.has(i))
  const chosen = shuffle(
    rng,
    pool.map((_, i) => i),
  )
  // both scripts and Latin text, in the corpus' own proportions but at least a third Chinese
  const zh = chosen.filter((i) => pool[i]!.lang !== 'latin')
  const latin = chosen.filter((i) => pool[i]!.lang === 'latin')
  const nZh = Math.min(zh.length, Math.max(Math.ceil(bases / 3), bases - latin.length))
  const baseIdx = [...zh.slice(0, nZh), ...latin.slice(0, bases - nZh)]

  const items: EvalItem[] = []
  const used = new Set<number>()
  let id = 1
  for (const [g, bi] of baseIdx.entries()) {
    const s = pool[bi]!
    used.add(bi)
    const group: EvalItem[] = [
      {
        id: 0,
        group: g,
        kind: 'base',
        outlet: s.outlet,
        title: s.title,
        markdown: s.body,
        file: frontMatter(s.title, s.day, s.outlet) + s.body,
        made: [],
      },
    ]
    for (let v = 0; v < versions; v++) {
      const m = makeVersion(rng, s, v)
      group.push({
        id: 0,
        group: g,
        kind: 'version',
        outlet: `outlet${v}`,
        title: m.title,
        markdown: m.body,
        file: frontMatter(m.title, s.day, `outlet${v}`) + m.body,
        made: m.made,
      })
    }
    // import order is not story order: a version may arrive before its original
    for (const it of shuffle(rng, group)) items.push({ ...it, id: id++ })
  }
  let negatives = 0
  let g = baseIdx.length
  for (const bi of baseIdx) {
    const s = pool[bi]!
    const same = pool
      .map((o, i) => ({ o, i }))
      .filter(
        ({ o, i }) =>
          !used.has(i) &&
          o.outlet === s.outlet &&
          o.day === s.day &&
          (s.tags.length === 0 || o.tags.some((t) => s.tags.includes(t))),
      )
    for (const { o, i } of same.slice(0, 2)) {
      used.add(i)
      negatives++
      items.push({
        id: id++,
        group: g++,
        kind: 'negative',
        outlet: o.outlet,
        title: o.title,
        markdown: o.body,
        file: frontMatter(o.title, o.day, o.outlet) + o.body,
        made: [],
      })
    }
  }
  return { items, bases: baseIdx.length, negatives, ambiguous: ambiguous.size }
}
