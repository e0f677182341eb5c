import { describe, expect, test } from 'vitest'
import { mulberry32 } from '../../bench/generate'
import { foldChunk, isCjk, normalizeText, normalizeWithMap, toIndexText } from './normalize'

const VS17 = '\u{E0100}'

describe('normalizeText', () => {
  test.each([
    ['full-width letters', 'ＡＩ', 'ai'],
    ['full-width digits and punctuation', 'ＧＤＰ增长５．２％！', 'gdp增长5.2%!'],
    ['case', 'Breaking NEWS', 'breaking news'],
    ['precomposed diacritics', 'Café naïve résumé Việt', 'cafe naive resume viet'],
    ['combining diacritics', 'Cafe\u0301', 'cafe'],
    ['dotted capital I', 'İstanbul', 'istanbul'],
    ['ligature', 'ﬁnance', 'finance'],
    ['roman numeral', 'Ⅻ', 'xii'],
    ['NBSP', 'a\u00a0b', 'a b'],
    ['zero-width space and joiners', 'a\u200bb\u200cc\u200dd\ufeffe', 'a b c d e'],
    ['soft hyphen dropped', 'elec\u00adtion', 'election'],
    ['Traditional → Simplified', '蘋果', '苹果'],
    ['Taiwan', '臺灣', '台湾'],
    ['more pairs', '中華民國發展經濟', '中华民国发展经济'],
    ['Simplified stays', '苹果台湾发展', '苹果台湾发展'],
    ['character level, not phrase level', '乾隆', '干隆'],
    ['variant chain folds all the way', '薴', '苎'],
    ['BMP Traditional → astral Simplified', '㗲', '𠵾'],
    ['variation selector dropped', `葛${VS17}城`, '葛城'],
    ['half-width katakana with dakuten', 'ｶﾞｲﾄﾞ', 'ガイド'],
    ['kana keeps its dakuten', 'ガイド', 'ガイド'],
    ['Hangul untouched', '한국어', '한국어'],
    ['astral ideograph untouched', '𠮷野家', '𠮷野家'],
    ['emoji survive', 'AI 😀 👍🏽', 'ai 😀 👍🏽'],
    ['emoji ZWJ sequence splits but survives', '👨‍👩‍👧', '👨 👩 👧'],
    ['lone surrogate kept', 'x\ud800y', 'x\ud800y'],
    ['empty', '', ''],
  ])('%s: %s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected)
    expect(normalizeText(expected)).toBe(expected)
  })
})

describe('normalizeWithMap', () => {
  test.each([
    ['unchanged', 'abc', 'abc', [0, 1, 2, 3]],
    ['1:1 changes', 'Café', 'cafe', [0, 1, 2, 3, 4]],
    ['Traditional → Simplified', '臺灣', '台湾', [0, 1, 2]],
    ['combining marks belong to their base', 'e\u0301\u0302x', 'ex', [0, 3, 4]],
    ['one character becomes two', 'ﬁx', 'fix', [0, 0, 1, 2]],
    ['two characters become one', 'ｶﾞ!', 'ガ!', [0, 2, 3]],
    ['dropped character', 'a\u00adb', 'ab', [0, 2, 3]],
    ['surrogate pair', '😀a', '😀a', [0, 0, 2, 3]],
    ['BMP → astral', '㗲x', '𠵾x', [0, 0, 1, 2]],
    ['astral', '𠮷A', '𠮷a', [0, 0, 2, 3]],
    ['lone surrogate', 'x\ud800y', 'x\ud800y', [0, 1, 2, 3]],
    ['empty', '', '', [0]],
  ])('%s', (_name, input, text, map) => {
    const r = normalizeWithMap(input)
    expect(r.text).toBe(text)
    expect(Array.from(r.map)).toEqual(map)
  })

  const samples = [
    'Breaking: ＡＩ 蘋果發表會 in Café 😀 — ﬁnal résumé\u00a0e\u0301',
    '中華民國臺灣的蘋果公司，發佈了新產品。ｶﾞｲﾄﾞ 한국어 𠮷野家',
    `a\u200bb\u00adc 葛${VS17}城 İİ ß ǅ Ⅻ ㈱ ①`,
  ]

  test.each(samples)('agrees with normalizeText, and maps every span back: %s', (s) => {
    const { text, map } = normalizeWithMap(s)
    expect(text).toBe(normalizeText(s))
    expect(map.length).toBe(text.length + 1)
    expect(map[text.length]).toBe(s.length)
    for (let k = 1; k <= text.length; k++) expect(map[k]).toBeGreaterThanOrEqual(map[k - 1]!)
    // folding the original span of any output character gives back that character
    for (let k = 0; k < text.length; k++) {
      let e = k + 1
      while (e < text.length && map[e] === map[k]) e++
      const origEnd = map[e]!
      const start = map[k]!
      const piece = normalizeText(s.slice(start, origEnd))
      expect(text.slice(map.indexOf(start), e)).toBe(piece)
    }
  })
})

// A chunk is a code point and the units that attach to it (marks, Hangul medial and final jamo,
// half-width dakuten); normalizeText folds each chunk on its own, whatever is around it.
const attaching = (ch: string) => /^\p{M}$/u.test(ch) || /^[\u1160-\u11ff\uff9e\uff9f]$/.test(ch)
function chunks(s: string): string[] {
  const out: string[] = []
  for (const ch of s) {
    if (out.length > 0 && attaching(ch)) out[out.length - 1] += ch
    else out.push(ch)
  }
  return out
}

test('folds every chunk as it would alone, in runs of text met before and not', () => {
  // units that fold to themselves, units that fold, marks and jamo after either, surrogates
  const units = [
    '中',
    '文',
    '。',
    'a',
    'z',
    ' ',
    '“',
    '蘋',
    '，',
    'A',
    'Ｉ',
    'ﬁ',
    '\u0301',
    '\u0302',
    'ᄀ',
    'ᅡ',
    'ᆨ',
    'ｶ',
    'ﾞ',
    '\u200b',
    '\u00ad',
    '\ufe0f',
    '𠮷',
    '😀',
    '\ud800',
    '\udc00',
    '\uf8fd',
    'e',
    'İ',
  ]
  const rnd = mulberry32(11)
  const next = (n: number) => Math.floor(rnd() * n)
  for (let i = 0; i < 3000; i++) {
    const s = Array.from({ length: 1 + next(12) }, () => units[next(units.length)]!).join('')
    // a lone surrogate half is kept as it is
    const expected = chunks(s)
      .map((c) => (/^[\ud800-\udfff]$/.test(c) ? c : foldChunk(c)))
      .join('')
    expect(normalizeText(s), JSON.stringify(s)).toBe(expected)
    expect(normalizeWithMap(s).text, JSON.stringify(s)).toBe(expected)
  }
})

test('folds and indexes a text longer than the buffers kept between calls, and short ones after', () => {
  const long = '蘋果Ａ'.repeat(800_000)
  expect(normalizeText(long)).toBe('苹果a'.repeat(800_000))
  expect(toIndexText(long)).toBe('苹 果 a '.repeat(800_000).trimEnd())
  expect(toIndexText('蘋果ＡＩ')).toBe('苹 果 ai')
})

describe('toIndexText', () => {
  test.each([
    ['阿里巴巴 launches AI', '阿 里 巴 巴 launches ai'],
    ['苹果AI手机', '苹 果 ai 手 机'],
    ['2025年2月13日', '2025 年 2 月 13 日'],
    ['蘋果發表會', '苹 果 发 表 会'],
    ['ＡＩ搜索', 'ai 搜 索'],
    ['東京タワーの夜景', '东 京 タ ワ ー の 夜 景'],
    ['한국어 뉴스', '한 국 어 뉴 스'],
    ['𠮷野家', '𠮷 野 家'],
    ['中・日', '中 ・ 日'],
    ['  many\n\n\tspaces  ', 'many spaces'],
    ['Café, résumé!', 'cafe resume'],
    // a surrogate half without its other half: the replacement character, never the half
    ['x\ud800y', 'x\ufffdy'],
    ['中\udc00文', '中 \ufffd 文'],
    ['𠮷\ud83d', '𠮷 \ufffd'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(toIndexText(input)).toBe(expected)
  })

  // the hand-written loop must equal this plain definition
  const CJK_CHAR =
    /[\u3005-\u3007\u3021-\u3029\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{1b000}-\u{1b16f}\u{20000}-\u{323af}]/gu
  test.each([
    'The 阿里巴巴 Group (阿里) said: 2025年，AI 😀 𠮷x',
    '中華民國\u3000臺灣\n\n한국어 カタカナ ｶﾀｶﾅ ひらがな・ゝゞ 々〇',
    'a\u200bb \u00a0 c\u2028d',
  ])('equals "space around every CJK character, collapse spaces": %s', (s) => {
    const reference = normalizeText(s)
      .replace(/[^\P{P}\u00b7\u2027\u30fb\uff65'\-\u2010\u2011_]/gu, ' ')
      .replace(CJK_CHAR, ' $& ')
      .replace(/\s+/g, ' ')
      .trim()
    expect(toIndexText(s).replace(/ \uf8fd/g, '')).toBe(reference)
  })
})

describe('toIndexText: where a phrase stops', () => {
  // `|` stands for the break token: a phrase cannot match across it
  test.each([
    ['comma between Chinese words', '……的时，公司……', '的 时 | 公 司'],
    ['full stop', '2025年。全年', '2025 年 | 全 年'],
    ['paragraph break', '第一段\n第二段', '第 一 段 | 第 二 段'],
    ['brackets', '許家印(中)昨在', '许 家 印 | 中 | 昨 在'],
    ['quotes and book titles', '读了《人民日报》说', '读 了 | 人 民 日 报 | 说'],
    ['Latin next to Chinese', 'AI，公司', 'ai | 公 司'],
    ['a run of punctuation is one break', '好！？……“是', '好 | 是'],
    ['at either end nothing is added', '《人民日报》', '人 民 日 报'],
    ['only punctuation', '，。！', ''],
    ['a sentence is not broken', '阿里巴巴发布新模型', '阿 里 巴 巴 发 布 新 模 型'],
    ['space inside a sentence is no break', '中文 继续', '中 文 继 续'],
    ['middle dot joins a name', '埃隆·马斯克', '埃 隆 · 马 斯 克'],
    ['Latin punctuation stays as it was', 'Mr. Smith, U.S. e-mail', 'mr smith u s e-mail'],
    ['Latin paragraphs', 'rates\ninterest', 'rates interest'],
    ['the break character in a text is no break', '中\uf8fd文', '中 \ufffd 文'],
  ])('%s: %s', (_name, input, expected) => {
    expect(toIndexText(input).replace(/\uf8fd/g, '|')).toBe(expected)
  })
})

describe('isCjk', () => {
  test.each([
    ['阿', true],
    ['臺', true],
    ['㐀', true],
    ['𠮷', true],
    ['豈', true],
    ['あ', true],
    ['カ', true],
    ['ー', true],
    ['々', true],
    ['한', true],
    ['・', false],
    ['、', false],
    ['。', false],
    ['a', false],
    ['é', false],
    ['1', false],
    ['😀', false],
  ])('%s → %s', (ch, expected) => {
    expect(isCjk(ch.codePointAt(0)!)).toBe(expected)
  })
})
