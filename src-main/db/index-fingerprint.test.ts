import { describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { toIndexText } from '../text/normalize'
import { plainText } from '../text/plain'
import { migrations } from './migrations/index'

// The full-text index stores text as the normaliser made it on the day it was built. If the
// normaliser or the plain-text extraction changes, old rows no longer match new queries, silently.
// So a change to either must come with a new migration that calls rebuildSearchIndex; this test
// fails until both the fingerprint and the migration that rebuilt for it are recorded below.
const SAMPLES = [
  '阿里巴巴 ＡＩ 蘋果 臺灣 Café élections 降息 한국어 ニュース 😀 ① ｶﾀｶﾅ',
  '# Title\n\n**bold** [link](https://x.example) ![alt](data:image/png;base64,AAAA) <b>t</b>ag',
  '中文\n继续 | a | b |\n|---|---|\n> quote &amp; more <script>x()</script><style>p{}</style>',
  '的时，公司 2025年。全年\n\n![滿頭白髮的許家印(中)](u "庭審") <img alt="图说" src=x> `<script>` 后文',
]
const RECORDED = {
  fingerprint: 'bb17b9585826f35e',
  rebuiltBy: 4, // 0004-phrase-breaks
}

describe('the search index fingerprint', () => {
  it('changes only together with a migration that rebuilds the index', () => {
    const fingerprint = createHash('sha256')
      .update(SAMPLES.map((s) => toIndexText(plainText(s))).join('\n'))
      .digest('hex')
      .slice(0, 16)
    expect({ fingerprint, rebuiltBy: RECORDED.rebuiltBy }).toEqual(RECORDED)
    const rebuild = migrations.find((m) => m.version === RECORDED.rebuiltBy)
    expect(rebuild?.up.toString()).toMatch(/rebuildSearchIndex/)
  })
})
