import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateCorpus } from './generate'

const COUNT = 200
const dirs: string[] = []

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-gen-'))
  dirs.push(dir)
  return dir
}

/** Every file under `dir`, as relative path → contents, sorted by path. */
async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort()
  const out = new Map<string, Buffer>()
  for (const f of files) out.set(relative(dir, f), await readFile(f))
  return out
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
})

describe('generateCorpus', () => {
  it('writes articles in the archive format, 2–8 KB each, mostly Chinese', async () => {
    const dir = await tempDir()
    const result = await generateCorpus(dir, COUNT, { seed: 42 })
    const tree = await readTree(dir)

    expect(result.files).toBe(COUNT)
    expect(tree.size).toBe(COUNT)
    let bytes = 0
    let zh = 0
    for (const [rel, buf] of tree) {
      bytes += buf.length
      expect(buf.length, rel).toBeGreaterThanOrEqual(2048)
      expect(buf.length, rel).toBeLessThanOrEqual(8192)
      expect(rel).toMatch(/^(zh-CN|zh-TW|zh-HK|en)[\\/]news[\\/][a-z-]+[\\/]\d+\.md$/)

      const text = buf.toString('utf8')
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text)
      expect(fm, rel).not.toBeNull()
      const front = fm?.[1] ?? ''
      expect(front).toMatch(/^title: ".+"$/m)
      expect(front).toMatch(/^date: "20(1[5-9]|2[0-6])-\d\d-\d\d \d\d:\d\d:\d\d"$/m)
      expect(front).toMatch(/^tags:\n {2}- ".+"$/m)
      const lang = /^lang:\n {2}- "([^"]+)"$/m.exec(front)?.[1]
      expect(rel.startsWith(`${lang}/`) || rel.startsWith(`${lang}\\`)).toBe(true)
      if (lang?.startsWith('zh')) zh++

      const lines = text.split('\n').filter((l) => l.trim() !== '')
      expect(lines.at(-1), rel).toMatch(/^\[[^\]]+\]\(https:\/\/[^\s)]+\)$/)
    }
    expect(result.bytes).toBe(bytes)
    // 80% by default; 200 draws put the share within a few points of it.
    expect(zh / COUNT).toBeGreaterThan(0.7)
    expect(zh / COUNT).toBeLessThan(0.9)
  })

  it('gives the same bytes for the same seed and different ones for another', async () => {
    const [a, b, c] = await Promise.all([tempDir(), tempDir(), tempDir()])
    await generateCorpus(a, COUNT, { seed: 7 })
    await generateCorpus(b, COUNT, { seed: 7 })
    await generateCorpus(c, COUNT, { seed: 8 })
    const [ta, tb, tc] = await Promise.all([readTree(a), readTree(b), readTree(c)])

    expect([...tb.keys()]).toEqual([...ta.keys()])
    for (const [rel, buf] of ta) expect(tb.get(rel)?.equals(buf), rel).toBe(true)
    const same = [...ta].filter(([rel, buf]) => tc.get(rel)?.equals(buf) === true).length
    expect(same).toBe(0)
  })

  it('honours zhRatio', async () => {
    const dir = await tempDir()
    await generateCorpus(dir, 50, { seed: 1, zhRatio: 0 })
    const tree = await readTree(dir)
    expect([...tree.keys()].every((rel) => rel.startsWith('en'))).toBe(true)
  })
})
