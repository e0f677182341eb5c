import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A temporary folder filled with the given files (text or bytes), removed by `cleanup`. */
export function tempTree(files: Record<string, string | Uint8Array> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-test-'))
  const write = (rel: string, content: string | Uint8Array) => {
    const abs = join(dir, rel)
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, content)
    return abs
  }
  for (const [rel, content] of Object.entries(files)) write(rel, content)
  return {
    dir,
    write,
    path: (rel: string) => join(dir, rel),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export function article(title: string, body: string, extra = ''): string {
  return `---\ntitle: "${title}"\ndate: "2025-02-13 19:47:22"\ntags:\n  - "test"\n${extra}---\n\n${body}\n`
}

/** `n` small articles (`f0.md`…) spread over three folders, `d0` to `d2`. */
export function articleFiles(n: number): Record<string, string> {
  const files: Record<string, string> = {}
  for (let i = 0; i < n; i++) files[`d${i % 3}/f${i}.md`] = article(`标题 ${i}`, `正文 ${i}`)
  return files
}
